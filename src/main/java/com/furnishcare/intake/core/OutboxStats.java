package com.furnishcare.intake.core;

import java.util.Optional;

/** What is waiting: pending deliveries, dead letters, and when the oldest pending one was created. */
public record OutboxStats(long pending, long dead, Optional<java.time.Instant> oldestPendingCreatedAt) {}
