package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.model.Step;

/** {@code create-ticket}: files what the conversation collected; the next reply shows the ticket. */
final class CreateTicketStep implements StepHandler<Step.CreateTicket> {

  @Override
  public void enter(Step.CreateTicket step, TurnRun run) {
    run.fileTicket(false);
    run.goTo(step.next());
  }
}
