package com.furnishcare.intake.store.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command client over one long-lived connection, pipelined (every command is written at once, the answers come
 * back in order), made again after it breaks. Used on a single server once per event loop ({@link LoopLocalRedis})
 * and on a Redis Cluster once per process (one socket per master, the cluster client's routing, MOVED/ASK and slot
 * refresh).
 *
 * <p>Why one connection rather than the client's pooled connection per command. On a single server: with a pool,
 * each command in flight holds a connection of its own, so Redis and the gateway each read and write every command
 * and answer on its own socket, a system call each. On one pipelined socket the commands of all the turns under way
 * on a loop travel together, and each read or write carries several. Measured on the 2-core bench (FAQ workload on
 * Redis, {@code bench/cpu.sh faq}, 2026-12-03): 3,903 and 4,178 msgs/s with a pool of 16 per loop, 5,797 and 5,833
 * with one connection per loop; the gateway's CPU per message fell from about 250 to 165 µs and Redis's from about
 * 130 to 86 µs.
 *
 * <p>On a cluster, also: in vertx-redis-client 5.0.7 a cluster connection holds a pooled connection to every master
 * and, on each command, may wait for the periodic slot-map refresh, which itself needs a pooled connection. With
 * more commands in flight than the pool holds (a turn commit burst does) every pooled connection is held by a
 * command waiting for the refresh, and nothing moves again (fixed upstream after 5.0.9, commit 259a1157 "Fix
 * connection pool deadlock in cluster mode during slot refresh"). One shared connection holds one pooled connection
 * per master and leaves the rest of the pool to the refresh.
 *
 * <p>The gateway sends no blocking command and no MULTI/WATCH, which a shared connection could not carry.
 */
final class PipelinedConnection implements Redis {

  private static final Logger LOG = LoggerFactory.getLogger(PipelinedConnection.class);

  private final Redis client;
  /**
   * Whether a command's failure other than an error reply drops the connection. On a cluster yes: a master may
   * fail without the connection ending. On a single server no: the connection's end and exception handlers see a
   * broken socket, and a command refused for other reasons (a full waiting queue) must not take down the commands
   * of every other turn in flight on the same connection.
   */
  private final boolean dropOnFailure;
  /** The connection in use or being made; null when none (never made, or broken). */
  private Future<RedisConnection> current;
  private boolean closed;

  private PipelinedConnection(Vertx vertx, RedisOptions options, boolean dropOnFailure) {
    this.client = Redis.createClient(vertx, options);
    this.dropOnFailure = dropOnFailure;
  }

  /** For a single server (options for one endpoint). */
  static PipelinedConnection toServer(Vertx vertx, RedisOptions options) {
    return new PipelinedConnection(vertx, options, false);
  }

  /** For a Redis Cluster (cluster client options). */
  static PipelinedConnection toCluster(Vertx vertx, RedisOptions options) {
    return new PipelinedConnection(vertx, options, true);
  }

  private synchronized Future<RedisConnection> connection() {
    if (closed) {
      return Future.failedFuture("the Redis client is closed");
    }
    if (current == null || current.failed()) {
      Future<RedisConnection> made = client.connect();
      current = made;
      made.onSuccess(c -> {
        c.exceptionHandler(err -> dropped(made, err));
        c.endHandler(v -> dropped(made, null));
      });
    }
    return current;
  }

  /** The connection (on a cluster: to some master) broke: the next command makes a new one (and a fresh slot map). */
  private void dropped(Future<RedisConnection> which, Throwable cause) {
    synchronized (this) {
      if (current != which) {
        return;
      }
      current = null;
    }
    LOG.debug("Redis connection lost ({}); the next command makes a new one",
        cause == null ? "closed" : cause.toString());
    which.onSuccess(RedisConnection::close);
  }

  @Override
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  @Override
  public Future<Response> send(Request command) {
    Future<RedisConnection> c = connection();
    return c.compose(conn -> conn.send(command)).onFailure(err -> {
      // An error reply (ERR, STALE_TICKET, CROSSSLOT…) leaves the connection usable; anything else may not.
      if (dropOnFailure && !(err instanceof io.vertx.redis.client.impl.types.ErrorType)) {
        dropped(c, err);
      }
    });
  }

  @Override
  public Future<List<Response>> batch(List<Request> commands) {
    Future<RedisConnection> c = connection();
    return c.compose(conn -> conn.batch(commands));
  }

  @Override
  public Future<Void> close() {
    Future<RedisConnection> c;
    synchronized (this) {
      closed = true;
      c = current;
      current = null;
    }
    Future<Void> closing = c == null ? Future.succeededFuture() : c.transform(ar -> ar.succeeded()
        ? ar.result().close() : Future.succeededFuture());
    return closing.eventually(client::close);
  }
}
