package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.Outbox;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.OutboxStats;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox in Redis: pending ids in a sorted set by next attempt (and one by age), dead letters in
 * another, details in a hash per ticket. Taking due entries and leasing them is one script, so two
 * gateways never take the same entry at once.
 */
public final class RedisOutbox implements Outbox {

  private static final String TAKE_DUE = String.join("\n",
      "local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))",
      "local out = {}",
      "for _, id in ipairs(ids) do",
      "  redis.call('ZADD', KEYS[1], ARGV[2], id)",
      "  local e = redis.call('HMGET', ARGV[4] .. id, 'attempts', 'created', 'error', 'gen')",
      "  table.insert(out, id)",
      "  table.insert(out, e[1] or '0')",
      "  table.insert(out, e[2] or '0')",
      "  table.insert(out, e[3] or '')",
      "  table.insert(out, e[4] or '0')",
      "end",
      "return out");

  private static final String FAILED = String.join("\n",
      "local entry = ARGV[5] .. ARGV[1]",
      "redis.call('HSET', entry, 'attempts', ARGV[2], 'next', ARGV[3], 'error', ARGV[4])",
      "if ARGV[6] == '1' then",
      "  redis.call('ZREM', KEYS[1], ARGV[1])",
      "  redis.call('ZREM', KEYS[2], ARGV[1])",
      "  redis.call('HSET', entry, 'dead', 1)",
      "  redis.call('ZADD', KEYS[3], redis.call('HGET', entry, 'created'), ARGV[1])",
      "else",
      "  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])",
      "end",
      "return 1");

  private static final String REQUEUE = String.join("\n",
      "if redis.call('ZREM', KEYS[3], ARGV[1]) == 0 then return 0 end",
      "local entry = ARGV[3] .. ARGV[1]",
      "redis.call('HSET', entry, 'attempts', 0, 'dead', 0, 'next', ARGV[2])",
      "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])",
      "redis.call('ZADD', KEYS[2], redis.call('HGET', entry, 'created'), ARGV[1])",
      "return 1");

  private static final String DELIVERED = String.join("\n",
      "local gen = redis.call('HGET', ARGV[2] .. ARGV[1], 'gen') or '0'",
      "if gen ~= ARGV[3] then",
      "  redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])",
      "  return 0",
      "end",
      "redis.call('ZREM', KEYS[1], ARGV[1])",
      "redis.call('ZREM', KEYS[2], ARGV[1])",
      "redis.call('DEL', ARGV[2] .. ARGV[1])",
      "return 1");

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisOutbox(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<List<OutboxEntry>> takeDue(Instant now, Duration lease, int limit) {
    long leased = now.plus(lease).toEpochMilli();
    return redis.eval(List.of(TAKE_DUE, "1", keys.outboxPending(), Long.toString(now.toEpochMilli()),
        Long.toString(leased), Integer.toString(limit), keys.outboxEntryPrefix())).map(r -> {
          List<OutboxEntry> due = new ArrayList<>();
          for (int i = 0; i + 4 < r.size(); i += 5) {
            due.add(new OutboxEntry(r.get(i).toString(), r.get(i + 1).toInteger(), Instant.ofEpochMilli(leased),
                Instant.ofEpochMilli(r.get(i + 2).toLong()), r.get(i + 3).toString(), false, r.get(i + 4).toLong()));
          }
          return due;
        });
  }

  @Override
  public Future<Void> delivered(String ticketId, long generation) {
    return redis.eval(List.of(DELIVERED, "2", keys.outboxPending(), keys.outboxAge(), ticketId,
        keys.outboxEntryPrefix(), Long.toString(generation), Long.toString(System.currentTimeMillis()))).mapEmpty();
  }

  @Override
  public Future<Void> failed(String ticketId, int attempts, Instant nextAttemptAt, String error, boolean dead) {
    return redis.eval(List.of(FAILED, "3", keys.outboxPending(), keys.outboxAge(), keys.outboxDead(), ticketId,
        Integer.toString(attempts), Long.toString(nextAttemptAt.toEpochMilli()),
        error.length() > 500 ? error.substring(0, 500) : error, keys.outboxEntryPrefix(), dead ? "1" : "0"))
        .mapEmpty();
  }

  @Override
  public Future<OutboxStats> stats() {
    return redis.zcard(keys.outboxPending()).compose(pending -> redis.zcard(keys.outboxDead()).compose(dead ->
        redis.zrange(List.of(keys.outboxAge(), "0", "0", "WITHSCORES")).map(oldest -> new OutboxStats(
            pending.toLong(), dead.toLong(), oldest == null || oldest.size() == 0 ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(score(oldest)))))));
  }

  /** RESP2 answers [member, score]; RESP3 answers [[member, score]]. */
  private static long score(Response withScores) {
    Response first = withScores.get(0);
    Response score = first.size() > 0 ? first.get(1) : withScores.get(1);
    return (long) Double.parseDouble(score.toString());
  }

  @Override
  public Future<List<OutboxEntry>> deadLetters(int limit) {
    return redis.zrange(List.of(keys.outboxDead(), "0", Integer.toString(limit - 1))).compose(ids -> {
      List<Future<OutboxEntry>> entries = new ArrayList<>();
      for (Response id : ids) {
        String ticketId = id.toString();
        entries.add(redis.hmget(List.of(keys.outboxEntryPrefix() + ticketId, "attempts", "next", "created", "error",
                "gen"))
            .map(h -> new OutboxEntry(ticketId, h.get(0) == null ? 0 : h.get(0).toInteger(),
                Instant.ofEpochMilli(h.get(1) == null ? 0 : h.get(1).toLong()),
                Instant.ofEpochMilli(h.get(2) == null ? 0 : h.get(2).toLong()),
                h.get(3) == null ? "" : h.get(3).toString(), true, h.get(4) == null ? 0 : h.get(4).toLong())));
      }
      return Future.all(entries).map(all -> all.<OutboxEntry>list());
    });
  }

  @Override
  public Future<Boolean> requeue(String ticketId, Instant now) {
    return redis.eval(List.of(REQUEUE, "3", keys.outboxPending(), keys.outboxAge(), keys.outboxDead(), ticketId,
        Long.toString(now.toEpochMilli()), keys.outboxEntryPrefix())).map(r -> r.toInteger() == 1);
  }
}
