package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one inbound message: the session to keep, the texts to send back in order, the
 * tickets to file with them and the tickets it changed. When {@code needs} is present the engine could not finish
 * without that: the caller looks it up and asks again (the engine itself does no I/O).
 */
public record Turn(Session session, List<String> replies, List<Ticket> newTickets, List<Ticket> changedTickets,
    Optional<Need> needs) {
  public Turn {
    replies = List.copyOf(replies);
    newTickets = List.copyOf(newTickets);
    changedTickets = List.copyOf(changedTickets);
  }

  public Turn(Session session, List<String> replies) {
    this(session, replies, List.of(), List.of(), Optional.empty());
  }

  public static Turn needing(Need need, Session unchanged) {
    return new Turn(unchanged, List.of(), List.of(), List.of(), Optional.of(need));
  }
}
