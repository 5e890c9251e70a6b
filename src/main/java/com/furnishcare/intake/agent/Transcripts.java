package com.furnishcare.intake.agent;

import com.furnishcare.intake.chat.ChatWriter;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.TurnTranscript;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a turn of a WeChat or SMS conversation into the chat log, so an agent reads every channel's
 * conversation as a web chat's is read: the homeowner's message, then what the bot answered. (The web
 * chat writes its own entries as they happen.) Keys come from the message key, so a retried turn writes
 * nothing twice. A store that can writes them with the turn's commit ({@link #of}); else they follow it
 * ({@link #afterCommit}).
 */
public final class Transcripts {

  /** The entry field naming what kind of message the homeowner sent (text, image, location ...). */
  public static final String MESSAGE_KIND = "messageKind";

  private final ChatWriter writer;

  public Transcripts(ChatWriter writer) {
    this.writer = writer;
  }

  /** The turn's entries: the homeowner's message (not for events), then each reply. */
  public TurnTranscript of(InboundMessage message, String messageKey, List<Reply> replies, Instant at) {
    List<ChatLog.Draft> turn = new ArrayList<>();
    if (message.kind().fromHomeowner()) {
      turn.add(new ChatLog.Draft("u:" + messageKey, ChatEntry.Author.USER, said(message)));
    }
    for (int i = 0; i < replies.size(); i++) {
      turn.add(new ChatLog.Draft("b:" + messageKey + ":" + i, ChatEntry.Author.BOT, replies.get(i)));
    }
    return new TurnTranscript(message.from().transcriptId(), turn, at);
  }

  /**
   * After the turn's commit: appends the entries when the store could not write them with the turn; when it did,
   * tells the pages open in this process of the last new entry (the commit told the other processes').
   */
  public Future<Void> afterCommit(TurnTranscript turn, CommitOutcome.Committed commit) {
    if (!commit.transcriptWritten()) {
      return writer.appendAll(turn.conversationId(), turn.drafts()).mapEmpty();
    }
    if (commit.transcriptLastSeq() > 0) {
      writer.announce(turn.conversationId(), commit.transcriptLastSeq());
    }
    return Future.succeededFuture();
  }

  private static Reply said(InboundMessage message) {
    return new Reply(Reply.Kind.TEXT, message.text(), List.of(),
        Map.of(MESSAGE_KIND, message.kind().name().toLowerCase(Locale.ROOT)));
  }
}
