package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.List;

/**
 * A turn's entries for the conversation's chat log (what the homeowner sent, what the bot answered), handed to
 * {@link SessionStore#commitTurn(ConversationKey, String, Session, java.time.Duration, String, RecordedReply,
 * List, List, java.util.Optional) the commit} so a store that can writes them in the same atomic step: an agent
 * then never reads a conversation that lacks a turn the homeowner was answered in.
 *
 * @param conversationId the chat log's conversation id ({@link ConversationKey#transcriptId()})
 */
public record TurnTranscript(String conversationId, List<ChatLog.Draft> drafts, Instant at) {

  public TurnTranscript {
    drafts = List.copyOf(drafts);
  }
}
