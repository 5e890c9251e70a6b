package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.ChatConversations;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;

/** {@link ChatConversations} in Redis: one key per conversation holding the secret's hash, with PX. */
final class RedisChatConversations implements ChatConversations {

  /** Compare and extend in one step, so a conversation cannot lapse between the two. */
  private static final String VERIFY_SCRIPT =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end return 0";

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
    return redis.eval(List.of(VERIFY_SCRIPT, "1", keys.chatConversation(conversationId), secretHash,
            Long.toString(extendTo.toMillis())))
        .map(r -> r.toInteger() == 1);
  }
}
