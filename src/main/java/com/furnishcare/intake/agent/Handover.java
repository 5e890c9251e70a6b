package com.furnishcare.intake.agent;

import com.furnishcare.intake.core.AgentQueue;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.dialog.AgentCall;
import com.furnishcare.intake.dialog.Turn;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who owns a conversation — the bot, the queue or an agent — decided in the turn service before the
 * dialog engine runs. A conversation an agent owns gets no bot answer: the message goes to the agent. After
 * a turn the queue follows the conversation: handed to a person, it gets a case (once); back with the bot
 * ("重新开始") while nobody had taken it, the case goes.
 */
public final class Handover {

  private final AgentQueue queue;
  private final TicketStore tickets;
  private final AgentNews news;
  private final Duration defaultFirstResponse;

  /**
   * @param defaultFirstResponse how soon a person must answer a conversation handed over without a ticket
   *     (with one, the ticket's first-response deadline applies)
   */
  public Handover(AgentQueue queue, TicketStore tickets, AgentNews news, Duration defaultFirstResponse) {
    this.queue = queue;
    this.tickets = tickets;
    this.news = news;
    this.defaultFirstResponse = defaultFirstResponse;
  }

  /** A gateway without the console: nothing is ever owned, nothing queued. */
  public static Handover none() {
    return new Handover(null, null, null, Duration.ZERO);
  }

  /**
   * The open case of the message's conversation, if any; a homeowner's message stamps it (WeChat's 48-hour
   * window counts from there) and tells the consoles.
   */
  public Future<Optional<HandoffCase>> before(InboundMessage message) {
    if (queue == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return queue.get(message.from().asString()).compose(found -> before(message, found));
  }

  /** Like {@link #before(InboundMessage)} with the case already read (the session store read it with the claim). */
  public Future<Optional<HandoffCase>> before(InboundMessage message, Optional<HandoffCase> found) {
    if (queue == null || found.isEmpty() || !message.kind().fromHomeowner()) {
      return Future.succeededFuture(queue == null ? Optional.empty() : found);
    }
    return queue.mark(message.from().asString(), AgentQueue.Mark.INBOUND, message.receivedAt()).map(found);
  }

  /**
   * Whether the bot must stay silent: an agent serves the conversation and the homeowner wrote. Events
   * still run (a ticket's status change is applied and told; nothing of it may be lost).
   */
  public static boolean agentAnswers(Optional<HandoffCase> open, InboundMessage message) {
    return open.map(c -> c.owner().isPresent()).orElse(false) && message.kind().fromHomeowner();
  }

  /** Keeps the queue in step with the turn just committed. */
  public Future<Void> after(ConversationKey key, Optional<HandoffCase> open, Turn turn, Instant at) {
    if (queue == null) {
      return Future.succeededFuture();
    }
    Optional<AgentCall> call = turn.waitingForAgent();
    if (call.isPresent() && open.isEmpty()) {
      return ticket(call.get(), turn).compose(ticket -> queue.open(caseFor(key, ticket, at)))
          .map(opened -> {
            if (opened) {
              news.queueChanged();
            }
            return null;
          });
    }
    if (call.isEmpty() && open.isPresent() && open.get().waiting()) {
      return queue.close(open.get().conversation(), Optional.empty()).map(closed -> {
        if (closed) {
          news.queueChanged();
        }
        return null;
      });
    }
    return Future.succeededFuture();
  }

  private HandoffCase caseFor(ConversationKey key, Optional<Ticket> ticket, Instant at) {
    return HandoffCase.queued(key, ticket.map(Ticket::level).orElse(1), ticket.map(Ticket::category).orElse(""),
        ticket.map(Ticket::id), ticket.map(Ticket::route).orElse(Route.headquarters()), at,
        ticket.map(Ticket::firstResponseDueAt).orElse(at.plus(defaultFirstResponse)));
  }

  /** The ticket filed with the hand-over: from this turn when it was filed now, else from the store. */
  private Future<Optional<Ticket>> ticket(AgentCall call, Turn turn) {
    if (call.ticketId().isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String id = call.ticketId().get();
    Optional<Ticket> now = turn.newTickets().stream().filter(t -> t.id().equals(id)).findFirst();
    return now.isPresent() ? Future.succeededFuture(now) : tickets.get(id);
  }
}
