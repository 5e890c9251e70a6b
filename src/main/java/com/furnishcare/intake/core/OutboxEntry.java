package com.furnishcare.intake.core;

import java.time.Instant;

/**
 * A ticket waiting to be delivered to the ticketing system. Written in the same atomic step as the
 * ticket, removed only once the sink has confirmed it.
 *
 * @param attempts deliveries tried so far
 * @param nextAttemptAt not before this time (back-off, or the lease of a relay working on it)
 * @param dead given up after too many attempts; stays until an admin re-queues it
 * @param generation bumped whenever the ticket changes while the entry waits, so a delivery of an older
 *     state does not remove the entry that must carry the newer one
 */
public record OutboxEntry(String ticketId, int attempts, Instant nextAttemptAt, Instant createdAt, String lastError,
    boolean dead, long generation) {}
