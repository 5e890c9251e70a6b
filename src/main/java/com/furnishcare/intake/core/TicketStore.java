package com.furnishcare.intake.core;

import io.vertx.core.Future;
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
}
