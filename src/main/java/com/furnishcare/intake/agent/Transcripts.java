package com.furnishcare.intake.agent;

import com.furnishcare.intake.chat.ChatWriter;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.TurnTranscript;
import java.time.Instant;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a turn of a WeChat or SMS conversation into the chat log, so an agent reads every channel's
 * conversation as a web chat's is read: the homeowner's message, then what the bot answered. (The web
 * chat writes its own entries as they happen.) Keys come from the message key, so a retried turn writes
 * nothing twice. A store that can writes them with the turn's commit ({@link #of}); else they follow it
 * ({@link #record}).
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

  /** Appends the turn's entries (a store that could not write them with the turn). */
  public Future<Void> record(TurnTranscript turn) {
    return writer.appendAll(turn.conversationId(), turn.drafts()).mapEmpty();
  }

  /**
   * The turn's entries were written with the turn itself, the last numbered {@code lastSeq} (0: nothing new):
   * tells the pages open in this process (the commit told the other processes').
   */
  public void written(TurnTranscript turn, long lastSeq) {
    if (lastSeq > 0) {
      writer.announce(turn.conversationId(), lastSeq);
    }
  }

  private static Reply said(InboundMessage message) {
    return new Reply(Reply.Kind.TEXT, message.text(), List.of(),
        Map.of(MESSAGE_KIND, message.kind().name().toLowerCase(Locale.ROOT)));
  }
}
