package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import java.util.List;

/**
 * What the engine may look up while it decides a turn: tickets and the knowledge base. The engine only
 * asks; whoever runs it answers (the gateway from its stores, on a worker thread; tests from lists), so
 * the engine itself does no I/O and never replays a turn to get data.
 */
public interface Lookups {

  /**
   * The newest (at most {@code limit}) tickets matching the query, newest first. The engine asks for no more
   * than it uses: each ticket read is a stored record fetched and parsed.
   */
  List<Ticket> tickets(TicketQuery query, int limit);

  /** The knowledge base's answer to a question, or one entry by id. */
  FaqResult faq(FaqQuery query);

  /** For turns that look nothing up (events, tests of other things): any look-up is a bug. */
  Lookups NONE = new Lookups() {
    @Override
    public List<Ticket> tickets(TicketQuery query, int limit) {
      throw new IllegalStateException("no ticket look-up available for " + query);
    }

    @Override
    public FaqResult faq(FaqQuery query) {
      throw new IllegalStateException("no knowledge base available for " + query);
    }
  };
}
