package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.TicketQuery;

/**
 * What the engine must know before it can finish a turn. It does no I/O: the caller looks the thing
 * up, adds it to the {@link DialogContext} and asks again.
 */
public sealed interface Need {

  /** Tickets matching a query. */
  record Tickets(TicketQuery query) implements Need {}

  /** The knowledge base's result for a question, or one entry. */
  record Faq(FaqQuery query) implements Need {}
}
