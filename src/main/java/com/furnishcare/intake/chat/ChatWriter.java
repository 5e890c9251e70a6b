package com.furnishcare.intake.chat;

import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.Reply;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;

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
        .onSuccess(entry -> tell(conversationId, entry.seq()));
  }

  /** Appends a turn's entries in one write and, when stored, tells the conversation's pages once. */
  public Future<List<ChatEntry>> appendAll(String conversationId, List<ChatLog.Draft> drafts) {
    return log.appendAll(conversationId, drafts, clock.instant()).onSuccess(entries -> {
      if (!entries.isEmpty()) {
        // A page reads every entry after the last it has, so one note of the last entry covers them all.
        tell(conversationId, entries.get(entries.size() - 1).seq());
      }
    });
  }

  /**
   * Entries up to {@code seq} were appended by a write of the chat log's store that also announced them to the
   * other processes (the turn commit on Redis): tells this process's pages.
   */
  public void announce(String conversationId, long seq) {
    tell(conversationId, seq);
  }

  private void tell(String conversationId, long seq) {
    if (log.announcesToOtherProcesses()) {
      bus.publishHere(conversationId, seq);
    } else {
      bus.publish(conversationId, seq);
    }
  }

  public ChatLog log() {
    return log;
  }

  public ChatBus bus() {
    return bus;
  }
}
