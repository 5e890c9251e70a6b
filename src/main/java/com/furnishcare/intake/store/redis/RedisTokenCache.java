package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.TokenCache;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link TokenCache} in Redis: every gateway process on the server shares one access token. */
public final class RedisTokenCache implements TokenCache {

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisTokenCache(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Optional<CachedToken>> get(String name) {
    return redis.get(keys.token(name)).map(r -> {
      if (r == null) {
        return Optional.empty();
      }
      JsonObject o = new JsonObject(r.toString());
      return Optional.of(new CachedToken(o.getString("value"), Instant.ofEpochMilli(o.getLong("expiresAt"))));
    });
  }

  @Override
  public Future<Void> put(String name, CachedToken token) {
    String body = new JsonObject().put("value", token.value()).put("expiresAt", token.expiresAt().toEpochMilli()).encode();
    return redis.set(List.of(keys.token(name), body, "PXAT", Long.toString(token.expiresAt().toEpochMilli())))
        .mapEmpty();
  }

  @Override
  public Future<Void> invalidate(String name) {
    return redis.del(List.of(keys.token(name))).mapEmpty();
  }
}
