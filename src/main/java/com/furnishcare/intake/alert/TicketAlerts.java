package com.furnishcare.intake.alert;

import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.ForwardingSessionStore;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TurnTranscript;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the alerts of a turn's tickets — a level-3 ticket, a survey follow-up — <em>before</em> the turn is
 * committed, the same way the return visits watch every commit. Raising first means a crash between the two
 * steps cannot lose an alert: either the ticket was never committed (the sender finds no ticket and drops
 * the alert after a grace period) or it was, and its alert is already waiting. A store error while raising
 * is logged and the turn still commits (the homeowner's complaint matters more than the group's notice); the
 * level-3 sweep then raises the alert again from the stored ticket.
 *
 * <p>A commit refused as stale (another process committed a turn of the conversation first) is decided again
 * and committed here again: an alert raised for a ticket of the refused attempt finds no ticket and is
 * dropped after the grace period like any alert of an uncommitted turn; alert ids are per ticket, so the
 * attempt that commits raises its own once.
 */
public final class TicketAlerts extends ForwardingSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(TicketAlerts.class);

  private final AlertRaiser raiser;

  public TicketAlerts(SessionStore sessions, AlertRaiser raiser) {
    super(sessions);
    this.raiser = raiser;
  }

  @Override
  public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript) {
    List<Future<Integer>> raised = new ArrayList<>();
    for (Ticket t : newTickets) {
      if (t.level() == 3) {
        raised.add(raiser.aboutTicket(AlertKind.LEVEL3, t));
      }
      if (Ticket.ORIGIN_SURVEY.equals(t.origin())) {
        raised.add(raiser.aboutTicket(AlertKind.SURVEY_LOW, t));
      }
    }
    // Raised to level 3 by a person, or re-opened one level up: the same id, so a ticket alerts once.
    changedTickets.stream().filter(t -> t.level() == 3 && open(t))
        .forEach(t -> raised.add(raiser.aboutTicket(AlertKind.LEVEL3, t)));
    if (raised.isEmpty()) {
      return inner.commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
          transcript);
    }
    return Future.join(raised).transform(done -> {
      if (done.failed()) {
        LOG.warn("alerts of turn {} not raised, the sweep will raise them: {}", messageKey, done.cause().toString());
      }
      return inner.commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
          transcript);
    });
  }

  static boolean open(Ticket t) {
    return t.status() != TicketStatus.RESOLVED && t.status() != TicketStatus.CLOSED;
  }
}
