package com.furnishcare.intake.store;

import java.time.Duration;

/**
 * Timings both stores honour.
 *
 * @param claimLease a claimed message not committed within this time may be taken by a retry: a
 *     process that died mid-turn must not block WeChat's later retries
 * @param replyRetention how long a handled message's reply is kept to answer retries
 * @param reportFigures whether ticket and survey writes keep the report aggregates current (always, except
 *     in the bench that measures what keeping them costs)
 */
public record StoreSettings(Duration claimLease, Duration replyRetention, boolean reportFigures) {

  public StoreSettings(Duration claimLease, Duration replyRetention) {
    this(claimLease, replyRetention, true);
  }

  public static StoreSettings defaults() {
    return new StoreSettings(Duration.ofSeconds(10), Duration.ofHours(24));
  }

  /** The same timings, writes not touching the aggregates (only for measuring their cost). */
  public StoreSettings withoutReportFigures() {
    return new StoreSettings(claimLease, replyRetention, false);
  }
}
