package com.furnishcare.intake.store.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The command client on a single Redis server: one pooled client per event loop thread, each used only from
 * its own loop, plus one for callers on other threads (workers, start-up).
 *
 * <p>Why: a pooled connection lives on the event loop that opened it. With one client shared by every HTTP event
 * loop, a command sent from loop A on a connection of loop B is handed to B to write, and its answer handed back
 * to A: two task hops and two wake-ups per command, several commands per WeChat message. Measured on the 2-core
 * bench (FAQ workload on Redis, two HTTP event loops): about a third of the gateway's CPU per message went to
 * those hops. A client whose connections are all opened from one loop keeps each command on that loop.
 */
final class LoopLocalRedis implements Redis {

  private final Supplier<Redis> clients;
  private final Map<Thread, Redis> byLoop = new ConcurrentHashMap<>();
  /** Commands from outside any event loop (worker threads, start-up, shutdown). */
  private final Redis offLoop;
  private volatile boolean closed;

  /** @param clients makes one more pooled client with the gateway's options */
  LoopLocalRedis(Supplier<Redis> clients) {
    this.clients = clients;
    this.offLoop = clients.get();
  }

  /** This thread's client: its own when it is an event loop, else the shared off-loop one. */
  Redis current() {
    if (closed || !Context.isOnEventLoopThread()) {
      // Once closed, the off-loop client (closed too) answers every command with its "closed" failure.
      return offLoop;
    }
    return byLoop.computeIfAbsent(Thread.currentThread(), loop -> clients.get());
  }

  @Override
  public Future<RedisConnection> connect() {
    return current().connect();
  }

  @Override
  public Future<Response> send(Request command) {
    return current().send(command);
  }

  @Override
  public Future<List<Response>> batch(List<Request> commands) {
    return current().batch(commands);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(offLoop.close());
    byLoop.values().forEach(c -> closing.add(c.close()));
    return Future.join(closing).mapEmpty();
  }
}
