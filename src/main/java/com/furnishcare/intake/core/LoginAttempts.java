package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Failed console logins counted per key (a username, a client address) in fixed windows, so guessing a
 * password is slow. With a shared store every process counts into the same numbers.
 */
public interface LoginAttempts {

  /**
   * How long {@code key} stays refused: zero while it has fewer than {@code limit} failures in its current
   * window, else the time until that window ends.
   */
  Future<Duration> refusedFor(String key, int limit);

  /** Counts one failure for {@code key}; its window of {@code window} starts with its first failure. */
  Future<Void> failed(String key, Duration window);

  /** Forgets {@code key}'s failures (a successful login clears its username's count). */
  Future<Void> clear(String key);
}
