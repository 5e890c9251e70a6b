package com.furnishcare.intake.chat;

import com.furnishcare.intake.core.ChatBus;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongConsumer;

/**
 * The chat bus of one process: listeners by conversation. The embedded store's bus; the Redis bus uses
 * it for the sockets this process holds and adds pub/sub between processes.
 */
public final class LocalChatBus implements ChatBus {

  private final Map<String, Set<LongConsumer>> listeners = new ConcurrentHashMap<>();

  @Override
  public void publish(String conversationId, long seq) {
    deliver(conversationId, seq);
  }

  /** Tells this process's listeners only (the Redis bus calls it for news from other processes). */
  public void deliver(String conversationId, long seq) {
    Set<LongConsumer> set = listeners.get(conversationId);
    if (set != null) {
      set.forEach(l -> l.accept(seq));
    }
  }

  @Override
  public Subscription subscribe(String conversationId, LongConsumer onEntry) {
    listeners.computeIfAbsent(conversationId, k -> new CopyOnWriteArraySet<>()).add(onEntry);
    return () -> listeners.computeIfPresent(conversationId, (k, set) -> {
      set.remove(onEntry);
      return set.isEmpty() ? null : set;
    });
  }

  @Override
  public Future<Boolean> anyoneListening(String conversationId) {
    return Future.succeededFuture(listening(conversationId));
  }

  /** Whether a page of this conversation is open on this process. */
  public boolean listening(String conversationId) {
    return listeners.containsKey(conversationId);
  }

  /** The conversations with an open page on this process (the Redis bus refreshes their presence). */
  public Set<String> conversations() {
    return listeners.keySet();
  }
}
