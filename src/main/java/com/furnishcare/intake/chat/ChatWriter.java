package com.furnishcare.intake.chat;

import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.Future;
import java.time.Clock;

/**
 * Adds an entry to a web conversation's log and tells its open pages, here and on other processes: the
 * one way entries are written, for the homeowner's messages, the bot's answers and pushes alike.
 */
public final class ChatWriter {

  private final ChatLog log;
  private final ChatBus bus;
  private final Clock clock;

  public ChatWriter(ChatLog log, ChatBus bus, Clock clock) {
    this.log = log;
    this.bus = bus;
    this.clock = clock;
  }

  /** Appends (once per key) and, when stored, tells the conversation's pages. */
  public Future<ChatEntry> append(String conversationId, String key, ChatEntry.Author author, Reply reply) {
    return log.append(conversationId, key, author, reply, clock.instant())
        .onSuccess(entry -> bus.publish(conversationId, entry.seq()));
  }

  public ChatLog log() {
    return log;
  }

  public ChatBus bus() {
    return bus;
  }
}
