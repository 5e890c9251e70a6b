package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.LoginAttempts;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;

/**
 * {@link LoginAttempts} in this process's memory: the embedded store serves one process, so one set of
 * counters is the whole truth, and a restart forgetting them costs an attacker a restart per 15 minutes.
 * The counters sit in a bounded cache, so a flood of made-up usernames cannot grow memory without end.
 */
public final class MemoryLoginAttempts implements LoginAttempts {

  private static final long MAX_KEYS = 100_000;

  /** Failures of one key in the window that ends at {@code endsAt} (epoch millis). */
  private record Window(int failures, long endsAt) {}

  private final Cache<String, Window> windows;
  private final Clock clock;

  MemoryLoginAttempts(Clock clock, Duration longestWindow) {
    this.clock = clock;
    this.windows = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(longestWindow).build();
  }

  @Override
  public Future<Duration> refusedFor(String key, int limit) {
    long now = clock.millis();
    Window window = windows.getIfPresent(key);
    if (window == null || window.endsAt() <= now || window.failures() < limit) {
      return Future.succeededFuture(Duration.ZERO);
    }
    return Future.succeededFuture(Duration.ofMillis(window.endsAt() - now));
  }

  @Override
  public Future<Void> failed(String key, Duration window) {
    long now = clock.millis();
    windows.asMap().compute(key, (k, current) -> current == null || current.endsAt() <= now
        ? new Window(1, now + window.toMillis())
        : new Window(current.failures() + 1, current.endsAt()));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> clear(String key) {
    windows.invalidate(key);
    return Future.succeededFuture();
  }
}
