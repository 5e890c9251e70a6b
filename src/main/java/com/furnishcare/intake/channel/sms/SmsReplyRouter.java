package com.furnishcare.intake.channel.sms;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A homeowner's SMS reply goes into the conversation their newest ticket came from: the one waiting
 * for "问题解决了吗？" first, otherwise the newest. There the dialog engine handles it like any message
 * (so "2" after the resolution SMS re-opens the ticket exactly as "没解决" typed in the chat would).
 */
public final class SmsReplyRouter {

  /** What the reply did. */
  public enum Outcome { DELIVERED, NO_TICKET }

  private final TicketStore tickets;
  private final Map<ChannelName, TurnProcessor> channels;
  private final Clock clock;

  public SmsReplyRouter(TicketStore tickets, Map<ChannelName, TurnProcessor> channels, Clock clock) {
    this.tickets = tickets;
    this.channels = Map.copyOf(channels);
    this.clock = clock;
  }

  /**
   * @param messageKey identifies this reply at the provider, so a callback delivered twice is one turn
   */
  public Future<Outcome> route(String mobile, String text, String messageKey) {
    return tickets.find(TicketQuery.ofPhone(mobile), 20).compose(found -> {
      Optional<Ticket> ticket = pick(found);
      if (ticket.isEmpty() || !channels.containsKey(ticket.get().channel())) {
        return Future.succeededFuture(Outcome.NO_TICKET);
      }
      Ticket t = ticket.get();
      InboundMessage message = new InboundMessage(new ConversationKey(t.channel(), t.userId()), MessageKind.TEXT,
          readAsWords(text), Map.of("via", "sms"), clock.instant());
      return channels.get(t.channel()).handle(message, messageKey).map(replies -> Outcome.DELIVERED);
    });
  }

  /** Newest first: the newest ticket waiting for the homeowner's confirmation, else the newest ticket. */
  static Optional<Ticket> pick(List<Ticket> newestFirst) {
    return newestFirst.stream().filter(t -> t.status() == TicketStatus.RESOLVED).findFirst()
        .or(() -> newestFirst.stream().findFirst());
  }

  /** The resolution SMS asks for "1" (solved) or "2" (not solved); the conversation understands words. */
  static String readAsWords(String text) {
    return switch (text.strip()) {
      case "1", "１" -> "已解决";
      case "2", "２" -> "没解决";
      default -> text.strip();
    };
  }
}
