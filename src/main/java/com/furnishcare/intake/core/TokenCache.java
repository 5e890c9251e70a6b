package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;

/** Short-lived credentials (WeChat access tokens) shared by every gateway process on the same store. */
public interface TokenCache {

  record CachedToken(String value, Instant expiresAt) {}

  Future<Optional<CachedToken>> get(String name);

  Future<Void> put(String name, CachedToken token);

  Future<Void> invalidate(String name);
}
