package com.furnishcare.intake.agent;

import com.furnishcare.intake.chat.ChatWriter;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a turn of a WeChat or SMS conversation into the chat log, so an agent reads every channel's
 * conversation as a web chat's is read: the homeowner's message, then what the bot answered. (The web
 * chat writes its own entries as they happen.) Keys come from the message key, so a retried turn writes
 * nothing twice.
 */
public final class Transcripts {

  /** The entry field naming what kind of message the homeowner sent (text, image, location ...). */
  public static final String MESSAGE_KIND = "messageKind";

  private final ChatWriter writer;

  public Transcripts(ChatWriter writer) {
    this.writer = writer;
  }

  public Future<Void> record(InboundMessage message, String messageKey, List<Reply> replies) {
    List<ChatLog.Draft> turn = new ArrayList<>();
    if (message.kind().fromHomeowner()) {
      turn.add(new ChatLog.Draft("u:" + messageKey, ChatEntry.Author.USER, said(message)));
    }
    for (int i = 0; i < replies.size(); i++) {
      turn.add(new ChatLog.Draft("b:" + messageKey + ":" + i, ChatEntry.Author.BOT, replies.get(i)));
    }
    return writer.appendAll(message.from().transcriptId(), turn).mapEmpty();
  }

  private static Reply said(InboundMessage message) {
    return new Reply(Reply.Kind.TEXT, message.text(), List.of(),
        Map.of(MESSAGE_KIND, message.kind().name().toLowerCase(Locale.ROOT)));
  }
}
