package com.furnishcare.intake.ticket;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": the n-th retry waits between half and all of
 * base * 2^(n-1), capped, so many failed deliveries do not all come back at the same moment.
 */
public record Backoff(Duration base, Duration max, RandomGenerator random) {

  public Duration delay(int attempt) {
    long cap = max.toMillis();
    long exponential = base.toMillis() << Math.min(30, Math.max(0, attempt - 1));
    long full = Math.min(cap, exponential <= 0 ? cap : exponential);
    long half = full / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }
}
