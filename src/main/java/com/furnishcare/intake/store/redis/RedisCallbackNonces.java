package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.CallbackNonces;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Instant;
import java.util.List;

/**
 * {@link CallbackNonces} in Redis, so a signature seen by one gateway process cannot be replayed to
 * another. SET NX decides atomically who saw a pair first; the key expires by itself when the
 * timestamp leaves the window, so nothing needs purging.
 */
public final class RedisCallbackNonces implements CallbackNonces {

  /**
   * Lua shared by this store's script and the message claim ({@link RedisSessionStore}, which records a WeChat
   * message's pair in the claim's own step): {@code nonce_sight(key, body_hash, forget_at_ms)} records the pair
   * unless it is there and answers 0 (first sighting), 1 (there with the same body) or 2 (there with another). A
   * key that is not there after the failed SET NX cannot happen inside a script; it would count as first.
   */
  static final String SIGHT_LUA = String.join("\n",
      "local function nonce_sight(key, body_hash, forget_at)",
      "  if redis.call('SET', key, body_hash, 'NX', 'PXAT', forget_at) then return 0 end",
      "  local seen = redis.call('GET', key)",
      "  if not seen then return 0 end",
      "  if seen == body_hash then return 1 end",
      "  return 2",
      "end",
      "");
  /** The answer of {@code nonce_sight} for a pair seen with another body. */
  static final int OTHER_BODY = 2;

  private static final RedisScript SIGHT_SCRIPT = new RedisScript(SIGHT_LUA
      + "return nonce_sight(KEYS[1], ARGV[1], ARGV[2])");

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisCallbackNonces(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Sighting> sight(String pair, String bodyHash, Instant forgetAt) {
    return SIGHT_SCRIPT.run(redis, 1, List.of(keys.callbackNonce(pair), bodyHash,
            Long.toString(forgetAt.toEpochMilli())))
        .map(answer -> switch (answer.toInteger()) {
          case 0 -> Sighting.FIRST;
          case 1 -> Sighting.SAME_BODY;
          default -> Sighting.OTHER_BODY;
        });
  }

  /** The key {@code nonce_sight} keeps a pair under. */
  String key(String pair) {
    return keys.callbackNonce(pair);
  }
}
