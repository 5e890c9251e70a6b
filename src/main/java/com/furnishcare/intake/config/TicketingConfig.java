package com.furnishcare.intake.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where tickets go and how hard the relay tries.
 *
 * @param sink {@code embedded} (default, nothing to set up) or {@code webhook}
 */
public record TicketingConfig(
    String sink,
    Optional<String> webhookUrl,
    Optional<String> webhookSecret,
    int maxAttempts,
    Duration baseDelay,
    Duration maxDelay,
    Duration relayInterval) {}
