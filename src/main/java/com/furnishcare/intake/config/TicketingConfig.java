package com.furnishcare.intake.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where tickets go and how hard the relay tries.
 *
 * @param sink {@code embedded} (default, nothing to set up), {@code webhook} or {@code rt}
 * @param lease how long a relay holds a delivery it took: another gateway (or this one after a crash) takes
 *     it again only after that
 */
public record TicketingConfig(
    String sink,
    Optional<String> webhookUrl,
    Optional<String> webhookSecret,
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration relayInterval,
    Duration lease,
    Optional<RequestTracker> rt) {

  /** Request Tracker's REST 2.0 endpoint and credentials (a token, or user + password). */
  public record RequestTracker(String url, Optional<String> token, Optional<String> user, Optional<String> password,
      String queue, java.nio.file.Path routingFile, java.time.Duration pollInterval) {}
}
