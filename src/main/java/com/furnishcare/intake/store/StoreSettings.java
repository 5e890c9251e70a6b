package com.furnishcare.intake.store;

import java.time.Duration;

/**
 * Timings both stores honour.
 *
 * @param claimLease a claimed message not committed within this time may be taken by a retry: a
 *     process that died mid-turn must not block WeChat's later retries
 * @param replyRetention how long a handled message's reply is kept to answer retries
 */
public record StoreSettings(Duration claimLease, Duration replyRetention) {

  public static StoreSettings defaults() {
    return new StoreSettings(Duration.ofSeconds(10), Duration.ofHours(24));
  }
}
