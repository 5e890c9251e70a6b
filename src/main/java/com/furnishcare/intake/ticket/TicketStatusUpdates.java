package com.furnishcare.intake.ticket;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a status change reported by the ticketing system: it becomes an unprompted turn of the
 * customer's own conversation (so the ticket change, the message to the customer and the follow-up
 * question are one committed step), and the reply is pushed on the customer's channel. When that did
 * not reach them (the web chat cannot push; WeChat refused outside the 48-hour window with no template
 * configured), the ticket's phone gets an SMS, when SMS is configured.
 */
public final class TicketStatusUpdates {

  /** No ticket with that id. */
  public static final class UnknownTicket extends RuntimeException {
    public UnknownTicket(String id) {
      super("no ticket " + id, null, false, false);
    }
  }

  private final TicketStore tickets;
  private final Map<ChannelName, TurnProcessor> channels;
  private final Clock clock;
  private final Optional<StatusSms> sms;

  /** @param sms tells homeowners their channel did not reach by SMS; empty when SMS is not configured */
  public TicketStatusUpdates(TicketStore tickets, Map<ChannelName, TurnProcessor> channels, Clock clock,
      Optional<StatusSms> sms) {
    this.tickets = tickets;
    this.channels = Map.copyOf(channels);
    this.clock = clock;
    this.sms = sms;
  }

  /**
   * @param eventId identifies this change at its source (RT's LastUpdated, a webhook event id), so a
   *     change reported twice is applied and told once
   */
  public Future<Ticket> apply(String ticketId, TicketStatus status, String note, String eventId) {
    return apply(ticketId, status, Optional.empty(), note, eventId);
  }

  /** As above, and a person may set another level (1-3): its deadlines follow. */
  public Future<Ticket> apply(String ticketId, TicketStatus status, Optional<Integer> level, String note,
      String eventId) {
    return tickets.get(ticketId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new UnknownTicket(ticketId));
      }
      Ticket ticket = found.get();
      TurnProcessor turns = channels.get(ticket.channel());
      if (turns == null) {
        return Future.failedFuture("no channel to reach " + ticket.channel().wireName() + " users");
      }
      InboundMessage update = new InboundMessage(new ConversationKey(ticket.channel(), ticket.userId()),
          MessageKind.TICKET_UPDATE, "", attributes(ticketId, status, level, note), clock.instant());
      Promise<Boolean> reached = Promise.promise();
      return turns.handleUnprompted(update, "status:" + ticketId + ":" + status.wireName()
              + level.map(l -> ":L" + l).orElse("") + ":" + eventId, reached)
          .compose(done -> tickets.get(ticketId))
          .map(Optional::orElseThrow)
          .onSuccess(after -> sms.ifPresent(s -> reached.future().onSuccess(told -> {
            if (!told) {
              s.statusChanged(ticket, after);
            }
          })));
    });
  }

  private static Map<String, String> attributes(String ticketId, TicketStatus status, Optional<Integer> level,
      String note) {
    Map<String, String> attributes = new java.util.HashMap<>(Map.of("ticketId", ticketId, "status", status.wireName(),
        "note", note));
    level.ifPresent(l -> attributes.put("level", Integer.toString(l)));
    return attributes;
  }
}
