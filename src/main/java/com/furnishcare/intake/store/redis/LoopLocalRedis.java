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
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The command client on a single Redis server: one client per event loop thread, each used only from its own loop,
 * plus one for callers on other threads (workers, start-up). Each is one pipelined connection ({@link
 * PipelinedConnection}), opened by the loop's first command.
 *
 * <p>Why: a connection lives on the event loop that opened it. With one client shared by every HTTP event
 * loop, a command sent from loop A on a connection of loop B is handed to B to write, and its answer handed back
 * to A: two task hops and two wake-ups per command, several commands per WeChat message. Measured on the 2-core
 * bench (FAQ workload on Redis, two HTTP event loops): about a third of the gateway's CPU per message went to
 * those hops. A client whose connections are all opened from one loop keeps each command on that loop.
 *
 * <p>The clients are all made up front, by whoever opens the store, and only handed to a loop on its first
 * command. A client made on an event loop would belong to the deployment running there: Vert.x closes the TCP
 * client of a client created inside a verticle when that verticle is undeployed. The HTTP verticle is undeployed
 * first on a graceful stop, and the turns still finishing then lost their transcript writes to "connection
 * closed" (GracefulShutdownUnderLoadIT, once in CI).
 */
final class LoopLocalRedis implements Redis {

  /** Clients not yet handed to a loop; a loop that finds none left shares the off-loop client. */
  private final Queue<Redis> spare = new ConcurrentLinkedQueue<>();
  private final Map<Thread, Redis> byLoop = new ConcurrentHashMap<>();
  /** Commands from outside any event loop (worker threads, start-up, shutdown). */
  private final Redis offLoop;
  private volatile boolean closed;

  /**
   * @param clients makes one more client with the gateway's options
   * @param loops how many event loops may send commands (Vert.x's event loop pool size)
   */
  LoopLocalRedis(Supplier<Redis> clients, int loops) {
    this.offLoop = clients.get();
    for (int i = 0; i < loops; i++) {
      spare.add(clients.get());
    }
  }

  /** This thread's client: its own when it is an event loop, else the shared off-loop one. */
  Redis current() {
    if (closed || !Context.isOnEventLoopThread()) {
      // Once closed, the off-loop client (closed too) answers every command with its "closed" failure.
      return offLoop;
    }
    return byLoop.computeIfAbsent(Thread.currentThread(), loop -> {
      Redis own = spare.poll();
      return own == null ? offLoop : own;
    });
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
    byLoop.values().stream().filter(c -> c != offLoop).forEach(c -> closing.add(c.close()));
    spare.forEach(c -> closing.add(c.close()));
    return Future.join(closing).mapEmpty();
  }
}
