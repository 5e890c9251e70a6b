package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.alert.AlertDelivery;
import com.furnishcare.intake.alert.AlertState;
import com.furnishcare.intake.alert.AlertStore;
import com.furnishcare.intake.store.StoredAlerts;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alert deliveries in Redis, all keys under the {@code {alerts}} hash tag. Raising, claiming, retrying and
 * finishing are each one script, so two gateways on one Redis raise an alert once and never hold the same
 * delivery at the same time.
 */
public final class RedisAlertStore implements AlertStore {

  /** KEYS: due, by-time, ids; ARGV per delivery: id, alertId, body, due, created; plus the key prefix last. */
  private static final String RAISE_SCRIPT = """
      local prefix = ARGV[#ARGV]
      local added = 0
      for i = 1, #ARGV - 1, 5 do
        local key = prefix .. ARGV[i]
        if redis.call('HSETNX', key, 'body', ARGV[i + 2]) == 1 then
          redis.call('HSET', key, 'state', 'pending', 'attempts', 0, 'due', ARGV[i + 3], 'error', '')
          redis.call('ZADD', KEYS[1], ARGV[i + 3], ARGV[i])
          redis.call('ZADD', KEYS[2], ARGV[i + 4], ARGV[i])
          redis.call('SADD', KEYS[3], ARGV[i + 1])
          added = added + 1
        end
      end
      return added""";

  /** KEYS: due; ARGV: now, limit, leased-until, prefix. Returns id, body, attempts, error per delivery. */
  private static final String CLAIM_SCRIPT = """
      local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
      local out = {}
      for _, id in ipairs(ids) do
        local key = ARGV[4] .. id
        redis.call('ZADD', KEYS[1], ARGV[3], id)
        redis.call('HSET', key, 'due', ARGV[3])
        local h = redis.call('HMGET', key, 'body', 'attempts', 'error')
        table.insert(out, id)
        table.insert(out, h[1] or '')
        table.insert(out, h[2] or '0')
        table.insert(out, h[3] or '')
      end
      return out""";

  /** KEYS: delivery, due; ARGV: attempts, due, error, id. Only a pending delivery is touched. */
  private static final String RETRY_SCRIPT = """
      if redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return 0 end
      redis.call('HSET', KEYS[1], 'attempts', ARGV[1], 'due', ARGV[2], 'error', ARGV[3])
      redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
      return 1""";

  /** KEYS: delivery, due; ARGV: state, detail, at, id. The first outcome stays. */
  private static final String FINISH_SCRIPT = """
      if redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return 0 end
      redis.call('HSET', KEYS[1], 'state', ARGV[1], 'error', ARGV[2], 'finished', ARGV[3])
      redis.call('ZREM', KEYS[2], ARGV[4])
      return 1""";

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisAlertStore(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Integer> raise(List<AlertDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<String> args = new ArrayList<>(List.of(RAISE_SCRIPT, "3", keys.alertsDue(), keys.alertsByTime(),
        keys.alertIds()));
    for (AlertDelivery d : deliveries) {
      args.addAll(List.of(d.id(), d.alertId(), StoredAlerts.fixed(d), Long.toString(d.nextAttemptAt().toEpochMilli()),
          Long.toString(d.createdAt().toEpochMilli())));
    }
    args.add(keys.alertDeliveryPrefix());
    return redis.eval(args).map(Response::toInteger);
  }

  @Override
  public Future<Boolean> raised(String alertId) {
    return redis.sismember(keys.alertIds(), alertId).map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<List<AlertDelivery>> claimDue(Instant now, int limit, Duration lease) {
    long leased = now.plus(lease).toEpochMilli();
    return redis.eval(List.of(CLAIM_SCRIPT, "1", keys.alertsDue(), Long.toString(now.toEpochMilli()),
        Integer.toString(limit), Long.toString(leased), keys.alertDeliveryPrefix())).map(r -> {
          List<AlertDelivery> due = new ArrayList<>();
          for (int i = 0; i + 3 < r.size(); i += 4) {
            String body = r.get(i + 1).toString();
            if (body.isEmpty()) {
              continue; // a queue entry without its hash (deleted by hand): nothing to send
            }
            due.add(StoredAlerts.delivery(body, AlertState.PENDING, r.get(i + 2).toInteger(),
                Instant.ofEpochMilli(leased), r.get(i + 3).toString(), Optional.empty()));
          }
          return due;
        });
  }

  @Override
  public Future<Void> retry(String id, int attempts, Instant at, String error) {
    return redis.eval(List.of(RETRY_SCRIPT, "2", keys.alertDeliveryPrefix() + id, keys.alertsDue(),
        Integer.toString(attempts), Long.toString(at.toEpochMilli()), clip(error), id)).mapEmpty();
  }

  @Override
  public Future<Void> finish(String id, AlertState outcome, String detail, Instant at) {
    if (outcome == AlertState.PENDING) {
      return Future.failedFuture(new IllegalArgumentException("pending is no outcome"));
    }
    return redis.eval(List.of(FINISH_SCRIPT, "2", keys.alertDeliveryPrefix() + id, keys.alertsDue(),
        outcome.wireName(), clip(detail), Long.toString(at.toEpochMilli()), id)).mapEmpty();
  }

  @Override
  public Future<Optional<AlertDelivery>> get(String id) {
    return redis.hmget(List.of(keys.alertDeliveryPrefix() + id, "body", "state", "attempts", "due", "error",
        "finished")).map(RedisAlertStore::read);
  }

  @Override
  public Future<List<AlertDelivery>> recent(int limit) {
    return redis.zrevrange(List.of(keys.alertsByTime(), "0", Integer.toString(limit - 1))).compose(ids -> {
      List<Future<Optional<AlertDelivery>>> all = new ArrayList<>();
      for (Response id : ids) {
        all.add(get(id.toString()));
      }
      return Future.all(all).map(done -> all.stream().map(Future::result).flatMap(Optional::stream).toList());
    });
  }

  private static Optional<AlertDelivery> read(Response h) {
    if (h == null || h.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(StoredAlerts.delivery(h.get(0).toString(), AlertState.fromWire(h.get(1).toString()),
        h.get(2).toInteger(), Instant.ofEpochMilli(h.get(3).toLong()), h.get(4) == null ? "" : h.get(4).toString(),
        h.get(5) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(h.get(5).toLong()))));
  }

  private static String clip(String text) {
    String t = text == null ? "" : text;
    return t.length() > 500 ? t.substring(0, 500) : t;
  }
}
