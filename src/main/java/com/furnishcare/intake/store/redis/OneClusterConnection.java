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
 * The command client on a Redis Cluster: every command goes over one long-lived cluster connection (one pipelined
 * socket per master, the cluster client's routing, MOVED/ASK and slot refresh), made again after it breaks.
 *
 * <p>Why not the client's own connection per command, as on a single server: in vertx-redis-client 5.0.7 a cluster
 * connection holds a pooled connection to every master and, on each command, may wait for the periodic slot-map
 * refresh, which itself needs a pooled connection. With more commands in flight than the pool holds (a turn commit
 * burst does) every pooled connection is held by a command waiting for the refresh, and nothing moves again (fixed
 * upstream after 5.0.9, commit 259a1157 "Fix connection pool deadlock in cluster mode during slot refresh"). One
 * shared connection holds one pooled connection per master and leaves the rest of the pool to the refresh.
 */
final class OneClusterConnection implements Redis {

  private static final Logger LOG = LoggerFactory.getLogger(OneClusterConnection.class);

  private final Redis client;
  /** The connection in use or being made; null when none (never made, or broken). */
  private Future<RedisConnection> current;
  private boolean closed;

  OneClusterConnection(Vertx vertx, RedisOptions clusterOptions) {
    this.client = Redis.createClient(vertx, clusterOptions);
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

  /** A connection to some master broke: the next command makes a new one (with a fresh slot map). */
  private void dropped(Future<RedisConnection> which, Throwable cause) {
    synchronized (this) {
      if (current != which) {
        return;
      }
      current = null;
    }
    LOG.debug("Redis Cluster connection lost ({}); the next command makes a new one",
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
      if (!(err instanceof io.vertx.redis.client.impl.types.ErrorType)) {
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
