package com.furnishcare.intake.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One token bucket per key (a client address, a conversation): {@code burst} requests at once, then
 * {@code rate} per {@code period}. Buckets live in a bounded cache: a flood of new keys evicts the
 * least recently used ones instead of growing memory; an evicted key starts again with a full bucket,
 * which is the same as a client that paused. Thread-safe: the HTTP verticles of all event loops share it.
 */
final class RateLimiter {

  /** Clients tracked at once; beyond this the least recently seen are forgotten. */
  private static final long MAX_KEYS = 200_000;

  private final Cache<String, Bucket> buckets;
  private final Bandwidth limit;

  private RateLimiter(Bandwidth limit, Duration forgetAfter) {
    this.limit = limit;
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(forgetAfter).build();
  }

  /** Refills smoothly: {@code rate} tokens spread over each {@code period}. */
  static RateLimiter smooth(long burst, long rate, Duration period) {
    return new RateLimiter(Bandwidth.builder().capacity(burst).refillGreedy(rate, period).build(),
        forgetAfter(burst, rate, period));
  }

  /** A quota per period: {@code count} tokens, all given back when the period has passed. */
  static RateLimiter perPeriod(long count, Duration period) {
    return new RateLimiter(Bandwidth.builder().capacity(count).refillIntervally(count, period).build(),
        forgetAfter(count, count, period));
  }

  /** A bucket idle for this long is full again, so forgetting it changes nothing. */
  private static Duration forgetAfter(long capacity, long rate, Duration period) {
    long millis = Math.max(1, period.toMillis() * capacity / rate) + period.toMillis();
    return Duration.ofMillis(millis);
  }

  /**
   * Whether {@code key} has used its bucket, without taking a token: empty when a token is free, otherwise
   * how long until one is. (For limits counted on failures only, checked before the attempt.)
   */
  Optional<Duration> exhausted(String key) {
    Bucket bucket = buckets.getIfPresent(key);
    if (bucket == null) {
      return Optional.empty();
    }
    io.github.bucket4j.EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Takes one token for {@code key}: empty when allowed, otherwise how long until one is free. */
  Optional<Duration> take(String key) {
    ConsumptionProbe probe = buckets.get(key, k -> Bucket.builder().addLimit(limit).build())
        .tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }
}
