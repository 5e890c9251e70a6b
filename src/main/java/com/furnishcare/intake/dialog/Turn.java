package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one inbound message: the session to keep, the replies to send back in order, the
 * tickets to file with them and the tickets it changed, and whether the conversation now waits for a
 * person.
 */
public record Turn(Session session, List<Reply> replies, List<Ticket> newTickets, List<Ticket> changedTickets,
    Optional<AgentCall> waitingForAgent) {
  public Turn {
    replies = List.copyOf(replies);
    newTickets = List.copyOf(newTickets);
    changedTickets = List.copyOf(changedTickets);
  }

  public Turn(Session session, List<Reply> replies, List<Ticket> newTickets, List<Ticket> changedTickets) {
    this(session, replies, newTickets, changedTickets, Optional.empty());
  }

  public Turn(Session session, List<Reply> replies) {
    this(session, replies, List.of(), List.of());
  }

  /** The replies as plain texts, for channels without buttons. */
  public List<String> texts() {
    return replies.stream().map(Reply::plainText).toList();
  }
}
