package com.furnishcare.intake.core;

import java.util.function.LongConsumer;

/**
 * Says "conversation X has a new entry" to every open page of X, whichever gateway process holds its
 * socket: in-process for the embedded store, Redis pub/sub across processes. It carries only the news;
 * the entries themselves are read from the {@link ChatLog}, so a lost notice delays nothing but the
 * next read.
 */
public interface ChatBus {

  /** Tells every listener of the conversation, here and in other processes, that entry {@code seq} exists. */
  void publish(String conversationId, long seq);

  /**
   * Tells this process's listeners only: for entries whose append already told the other processes
   * ({@link ChatLog#announcesToOtherProcesses}). A bus with no other processes publishes as usual.
   */
  default void publishHere(String conversationId, long seq) {
    publish(conversationId, seq);
  }

  /** Listens for a conversation's new entries (called on this process's event loop); close to stop. */
  Subscription subscribe(String conversationId, LongConsumer onEntry);

  /** Whether a page of this conversation is open right now, on this process or another. */
  io.vertx.core.Future<Boolean> anyoneListening(String conversationId);

  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
