package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.LoginAttempts;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;

/**
 * {@link LoginAttempts} as Redis counters, so every gateway process counts into one number per key: INCR,
 * and the window's expiry set with the first failure, in one script (a counter left without its TTL by a
 * crash between the two would refuse its key for ever).
 */
public final class RedisLoginAttempts implements LoginAttempts {

  private static final String FAIL_SCRIPT =
      "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";
  /** The count and the time left in its window; a count without a TTL (written by hand) gets one now. */
  private static final String READ_SCRIPT =
      "local n = tonumber(redis.call('GET', KEYS[1]) or '0') local ttl = redis.call('PTTL', KEYS[1])"
          + " if n > 0 and ttl == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end"
          + " return {n, ttl}";

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final Duration fallbackWindow;

  RedisLoginAttempts(RedisAPI redis, RedisKeys keys, Duration fallbackWindow) {
    this.redis = redis;
    this.keys = keys;
    this.fallbackWindow = fallbackWindow;
  }

  @Override
  public Future<Duration> refusedFor(String key, int limit) {
    return redis.eval(List.of(READ_SCRIPT, "1", keys.loginFailures(key), Long.toString(fallbackWindow.toMillis())))
        .map(reply -> {
          long failures = reply.get(0).toLong();
          long ttl = reply.get(1).toLong();
          return failures < limit || ttl <= 0 ? Duration.ZERO : Duration.ofMillis(ttl);
        });
  }

  @Override
  public Future<Void> failed(String key, Duration window) {
    return redis.eval(List.of(FAIL_SCRIPT, "1", keys.loginFailures(key), Long.toString(window.toMillis()))).mapEmpty();
  }

  @Override
  public Future<Void> clear(String key) {
    return redis.del(List.of(keys.loginFailures(key))).mapEmpty();
  }
}
