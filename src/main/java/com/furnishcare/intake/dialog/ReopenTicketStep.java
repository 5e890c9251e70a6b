package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.dialog.model.Grading;
import com.furnishcare.intake.dialog.model.Step;

/** {@code reopen-ticket}: not solved after all; the ticket is re-opened as unsatisfied, one level up. */
final class ReopenTicketStep implements StepHandler<Step.ReopenTicket> {

  @Override
  public void enter(Step.ReopenTicket step, TurnRun run) {
    FollowedTicket.settle(run, ticket -> reopen(run, ticket), step.text(), step.next());
  }

  /** Deadlines of the new level run from now. */
  private static Ticket reopen(TurnRun run, Ticket ticket) {
    int level = Math.min(3, ticket.level() + 1);
    Grading.Level rules = run.book.grading().level(level);
    return ticket.reopened(level, run.ctx.now().plus(rules.firstResponse()), run.ctx.now().plus(rules.resolution()));
  }
}
