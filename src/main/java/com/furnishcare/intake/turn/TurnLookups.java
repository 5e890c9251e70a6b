package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.DialogContext;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.dialog.Need;
import com.furnishcare.intake.dialog.Turn;
import io.vertx.core.Future;
import java.util.List;

/**
 * Runs a conversation turn and answers what it needs to know (tickets, the knowledge base) through the
 * given ports: the one place that resolves the engine's needs, used by the gateway and by the tests.
 */
public final class TurnLookups {

  /** Where the answers come from: the stores and the FAQ index in the gateway, in-memory lists in tests. */
  public interface Sources {
    Future<List<Ticket>> tickets(TicketQuery query, int limit);

    Future<FaqResult> faq(FaqQuery query, int limit);
  }

  /** Hits asked of the knowledge base per question: the engine offers at most three. */
  static final int FAQ_HITS = 3;
  static final int TICKET_LIMIT = 50;
  /** More rounds than any flow needs; a conversation asking forever is a bug, not a slow answer. */
  static final int MAX_ROUNDS = 6;

  private TurnLookups() {}

  /** The gateway's sources: the ticket store and the FAQ search (both answer on their own threads). */
  public static Sources from(TicketStore tickets, FaqSearch faq) {
    return new Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        return tickets.find(query, limit);
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        return faq.find(query, limit);
      }
    };
  }

  public static Future<Turn> run(Conversation conversation, Session session, InboundMessage message,
      DialogContext context, Sources sources) {
    return run(conversation, session, message, context, sources, 0);
  }

  private static Future<Turn> run(Conversation conversation, Session session, InboundMessage message,
      DialogContext context, Sources sources, int round) {
    Turn turn;
    try {
      turn = conversation.respond(session, message, context);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (turn.needs().isEmpty()) {
      return Future.succeededFuture(turn);
    }
    if (round >= MAX_ROUNDS) {
      return Future.failedFuture(new IllegalStateException("the conversation keeps asking for more: " + turn.needs()));
    }
    Need need = turn.needs().get();
    Future<DialogContext> more;
    if (need instanceof Need.Tickets t) {
      more = sources.tickets(t.query(), TICKET_LIMIT).map(found -> context.with(t.query(), found));
    } else {
      Need.Faq f = (Need.Faq) need;
      more = sources.faq(f.query(), FAQ_HITS).map(found -> context.with(f.query(), found));
    }
    return more.compose(next -> run(conversation, session, message, next, sources, round + 1));
  }
}
