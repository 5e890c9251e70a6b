package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deliveries of tickets to the ticketing system. Entries are added by {@link SessionStore#commitTurn}
 * together with their tickets; a relay takes due entries (leasing them so that two relays do not send
 * the same one at once) and reports each outcome.
 */
public interface Outbox {

  /** Takes up to {@code limit} due entries and pushes their next attempt {@code lease} into the future. */
  Future<List<OutboxEntry>> takeDue(Instant now, Duration lease, int limit);

  /**
   * The ticket, as of {@code generation}, reached the sink: the entry is gone — unless the ticket changed
   * meanwhile, in which case it is due again at once.
   */
  Future<Void> delivered(String ticketId, long generation);

  /** A failed attempt: retry at {@code nextAttemptAt}, or, when {@code dead}, keep it as a dead letter. */
  Future<Void> failed(String ticketId, int attempts, Instant nextAttemptAt, String error, boolean dead);

  Future<OutboxStats> stats();

  Future<List<OutboxEntry>> deadLetters(int limit);

  /** Puts a dead letter back in the queue, due now, attempts reset. False when there is no such dead letter. */
  Future<Boolean> requeue(String ticketId, Instant now);
}
