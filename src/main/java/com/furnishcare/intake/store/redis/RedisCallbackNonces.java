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

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisCallbackNonces(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Sighting> sight(String pair, String bodyHash, Instant forgetAt) {
    String key = keys.callbackNonce(pair);
    return redis.set(List.of(key, bodyHash, "NX", "PXAT", Long.toString(forgetAt.toEpochMilli())))
        .compose(set -> {
          if (set != null) {
            return Future.succeededFuture(Sighting.FIRST);
          }
          // Plain GET after a failed SET NX (SET ... NX GET would need Redis 7). Should the key
          // expire in between, its window has closed, and the pair counts as new like any other.
          return redis.get(key).map(seen -> seen == null ? Sighting.FIRST
              : seen.toString().equals(bodyHash) ? Sighting.SAME_BODY : Sighting.OTHER_BODY);
        });
  }
}
