package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.Step;

/** {@code close-ticket}: the homeowner confirms the resolved ticket is solved; it is closed. */
final class CloseTicketStep implements StepHandler<Step.CloseTicket> {

  @Override
  public void enter(Step.CloseTicket step, TurnRun run) {
    FollowedTicket.settle(run, t -> t.withStatus(TicketStatus.CLOSED, run.ctx.now()), step.text(), step.next());
  }
}
