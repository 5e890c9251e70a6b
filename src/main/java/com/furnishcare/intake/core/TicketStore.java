package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads tickets. Tickets are written together with the conversation turn that created them
 * ({@link SessionStore#commitTurn}), so a ticket exists exactly when the user was told its number.
 */
public interface TicketStore {

  /** Newest first, at most {@code limit}. */
  Future<List<Ticket>> find(TicketQuery query, int limit);

  Future<Optional<Ticket>> get(String id);

  /**
   * Tickets created at or after {@code from} and before {@code to}, oldest first, at most {@code limit}: the
   * alerts' sweeps and the daily digest read a time window rather than the newest few.
   */
  Future<List<Ticket>> createdBetween(Instant from, Instant to, int limit);
}
