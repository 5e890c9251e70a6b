package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * Every web-chat conversation's entries, in order, for the page's history and for catching up after a
 * reconnect — on any gateway process sharing the store.
 */
public interface ChatLog {

  /**
   * Adds an entry at the end, unless an entry with this key is already there (a message sent twice, a
   * turn's reply recorded again on a retry): then nothing changes. Resolves with the entry as stored.
   */
  Future<ChatEntry> append(String conversationId, String key, ChatEntry.Author author, Reply reply, Instant at);

  /**
   * Adds several entries at the end, in order, each unless its key is already there: what a turn said in
   * one write (one round trip to the store instead of one per entry). Resolves with the entries as stored.
   */
  Future<List<ChatEntry>> appendAll(String conversationId, List<Draft> drafts, Instant at);

  /**
   * Whether an append itself tells other processes' open pages of the new entries (Redis: in the append's own
   * round trip, and only when a page of the conversation is open somewhere). Then the writer tells only this
   * process's pages ({@link ChatBus#publishHere}); else it publishes on the bus.
   */
  default boolean announcesToOtherProcesses() {
    return false;
  }

  /** An entry to append: its key (once per conversation), who said it and what. */
  record Draft(String key, ChatEntry.Author author, Reply reply) {}

  /** The entries after {@code afterSeq}, oldest first, at most {@code limit}. */
  Future<List<ChatEntry>> after(String conversationId, long afterSeq, int limit);
}
