package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.ChatConversations;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;

/**
 * {@link ChatConversations} in Redis: one key per conversation holding the first secret's hash, with PX,
 * and a set of the hashes of secrets added later, living as long.
 */
final class RedisChatConversations implements ChatConversations {

  /** Compare and extend in one step, so a conversation cannot lapse between the two. */
  private static final String VERIFY_SCRIPT = """
      local first = redis.call('GET', KEYS[1])
      if first and (first == ARGV[1] or redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1) then
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return 1
      end
      return 0""";

  /** A lapsed or unknown conversation gets the secret as its first; a live one as an extra, up to the cap. */
  private static final String ADD_SECRET_SCRIPT = """
      local ttl = tonumber(ARGV[2])
      if redis.call('EXISTS', KEYS[1]) == 0 then
        redis.call('DEL', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
        return 1
      end
      if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 and redis.call('SCARD', KEYS[2]) >= tonumber(ARGV[3]) then
        return 0
      end
      redis.call('SADD', KEYS[2], ARGV[1])
      if redis.call('PTTL', KEYS[1]) < ttl then
        redis.call('PEXPIRE', KEYS[1], ttl)
      end
      redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
      return 1""";

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisChatConversations(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Void> register(String conversationId, String secretHash, Duration lifetime) {
    return redis.set(List.of(keys.chatConversation(conversationId), secretHash, "NX", "PX",
            Long.toString(lifetime.toMillis())))
        .compose(r -> r == null
            ? Future.failedFuture(new IllegalStateException("conversation id already taken"))
            : Future.succeededFuture());
  }

  @Override
  public Future<Boolean> verify(String conversationId, String secretHash, Duration extendTo) {
    return redis.eval(List.of(VERIFY_SCRIPT, "2", keys.chatConversation(conversationId),
            keys.chatSecrets(conversationId), secretHash, Long.toString(extendTo.toMillis())))
        .map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Boolean> addSecret(String conversationId, String secretHash, Duration lifetime, int maxExtraSecrets) {
    return redis.eval(List.of(ADD_SECRET_SCRIPT, "2", keys.chatConversation(conversationId),
            keys.chatSecrets(conversationId), secretHash, Long.toString(lifetime.toMillis()),
            Integer.toString(maxExtraSecrets)))
        .map(r -> r.toInteger() == 1);
  }
}
