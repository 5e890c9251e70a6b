package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.AgentQueue;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.store.StoredHandoffCases;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AgentQueue} in Redis: a hash per case (the fixed part as JSON in {@code body}, the moving parts
 * as fields) and a set of open conversations. Owner changes and closing are scripts that compare the
 * owner first, so two processes racing for one case end with one winner.
 */
final class RedisAgentQueue implements AgentQueue {

  private static final String OPEN_SCRIPT = """
      if redis.call('HSETNX', KEYS[1], 'body', ARGV[1]) == 0 then
        return 0
      end
      redis.call('HSET', KEYS[1], 'lastInbound', ARGV[2], 'ownerSeen', ARGV[3])
      redis.call('SADD', KEYS[2], ARGV[4])
      return 1""";

  /** ARGV: expected owner ('' = none), new owner ('' = none), time. Returns the hash, or nil. */
  private static final String ASSIGN_SCRIPT = """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return nil
      end
      local owner = redis.call('HGET', KEYS[1], 'owner') or ''
      if owner ~= ARGV[1] then
        return nil
      end
      if ARGV[2] == '' then
        redis.call('HDEL', KEYS[1], 'owner', 'takenAt')
        redis.call('HSET', KEYS[1], 'ownerSeen', ARGV[3])
      else
        redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'takenAt', ARGV[3], 'ownerSeen', ARGV[3])
      end
      return redis.call('HMGET', KEYS[1], 'body', 'owner', 'takenAt', 'firstResponse', 'lastInbound', 'ownerSeen')""";

  private static final String CLOSE_SCRIPT = """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return 0
      end
      local owner = redis.call('HGET', KEYS[1], 'owner') or ''
      if owner ~= ARGV[1] then
        return 0
      end
      redis.call('DEL', KEYS[1])
      redis.call('SREM', KEYS[2], ARGV[2])
      return 1""";

  /** ARGV: field, time, only-if-unset flag. A closed case is not brought back by a late mark. */
  private static final String MARK_SCRIPT = """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return 0
      end
      if ARGV[3] == '1' then
        return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
      end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 1""";

  /** The fields of a case hash that make a {@link HandoffCase}, in the order {@link #read} takes them. */
  static final List<String> FIELDS =
      List.of("body", "owner", "takenAt", "firstResponse", "lastInbound", "ownerSeen");

  private final RedisAPI redis;
  private final RedisKeys keys;

  /** How many case reads {@link #all} has in flight at once: well inside the pool's 16 connections and its queue. */
  static final int READ_CHUNK = 64;

  RedisAgentQueue(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Boolean> open(HandoffCase c) {
    return redis.eval(List.of(OPEN_SCRIPT, "2", keys.agentCase(c.conversation()), keys.agentCasesOpen(),
            StoredHandoffCases.fixedPart(c), Long.toString(c.lastInboundAt().toEpochMilli()),
            Long.toString(c.ownerSeenAt().toEpochMilli()), c.conversation()))
        .map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Optional<HandoffCase>> get(String conversation) {
    List<String> args = new ArrayList<>();
    args.add(keys.agentCase(conversation));
    args.addAll(FIELDS);
    return redis.hmget(args).map(RedisAgentQueue::read);
  }

  @Override
  public Future<List<HandoffCase>> all() {
    return redis.smembers(keys.agentCasesOpen()).compose(members -> {
      List<String> conversations = new ArrayList<>(members.size());
      for (Response member : members) {
        conversations.add(member.toString());
      }
      return readFrom(conversations, 0, new ArrayList<>(conversations.size()));
    });
  }

  /**
   * Reads the cases {@link #READ_CHUNK} at a time. All at once, a queue of a few thousand cases (a busy evening,
   * every process sweeping every 10 s) overflowed the connection pool's wait queue, and every other command of
   * that moment — homeowners' messages among them — failed with it.
   */
  private Future<List<HandoffCase>> readFrom(List<String> conversations, int from, List<HandoffCase> cases) {
    if (from >= conversations.size()) {
      return Future.succeededFuture(cases);
    }
    List<Future<Optional<HandoffCase>>> reads = new ArrayList<>(READ_CHUNK);
    for (String conversation : conversations.subList(from, Math.min(conversations.size(), from + READ_CHUNK))) {
      reads.add(get(conversation));
    }
    return Future.all(reads).compose(done -> {
      reads.forEach(f -> f.result().ifPresent(cases::add));
      return readFrom(conversations, from + READ_CHUNK, cases);
    });
  }

  @Override
  public Future<Optional<HandoffCase>> assign(String conversation, Optional<String> expectedOwner,
      Optional<String> newOwner, Instant at) {
    return redis.eval(List.of(ASSIGN_SCRIPT, "1", keys.agentCase(conversation), expectedOwner.orElse(""),
            newOwner.orElse(""), Long.toString(at.toEpochMilli())))
        .map(RedisAgentQueue::read);
  }

  @Override
  public Future<Boolean> close(String conversation, Optional<String> expectedOwner) {
    return redis.eval(List.of(CLOSE_SCRIPT, "2", keys.agentCase(conversation), keys.agentCasesOpen(),
            expectedOwner.orElse(""), conversation))
        .map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Void> mark(String conversation, Mark what, Instant at) {
    String field = switch (what) {
      case INBOUND -> "lastInbound";
      case FIRST_RESPONSE -> "firstResponse";
      case OWNER_SEEN -> "ownerSeen";
    };
    return redis.eval(List.of(MARK_SCRIPT, "1", keys.agentCase(conversation), field,
            Long.toString(at.toEpochMilli()), what == Mark.FIRST_RESPONSE ? "1" : "0"))
        .mapEmpty();
  }

  /** The answer to HMGET of {@link #FIELDS}: null values for fields not set, all null for no case. */
  static Optional<HandoffCase> read(Response values) {
    if (values == null || values.size() < FIELDS.size() || values.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(StoredHandoffCases.read(values.get(0).toString(), new StoredHandoffCases.Moving(
        text(values.get(1)), millis(text(values.get(2))), millis(text(values.get(3))),
        Long.parseLong(text(values.get(4), "0")), Long.parseLong(text(values.get(5), "0")))));
  }

  private static String text(Response r) {
    return r == null ? null : r.toString();
  }

  private static String text(Response r, String fallback) {
    return r == null ? fallback : r.toString();
  }

  private static Long millis(String raw) {
    return raw == null ? null : Long.parseLong(raw);
  }
}
