package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import java.util.List;

/**
 * {@code list-tickets}: shows the user's tickets, found by this channel identity ({@code by: user}) or by
 * the order number and phone the flow collected ({@code by: order}); goes to {@code found} or {@code missing}.
 */
final class ListTicketsStep implements StepHandler<Step.ListTickets> {

  /** The list says how many it found (up to this) and shows the newest few. */
  static final int LISTED = 50;

  @Override
  public void enter(Step.ListTickets step, TurnRun run) {
    TicketQuery query;
    if (step.by().equals("user")) {
      query = TicketQuery.ofUser(run.message.from());
    } else {
      Flow flow = run.runningFlow().orElseThrow();
      query = TicketQuery.ofOrderAndPhone(value(run, flow, SlotType.ORDER_NUMBER), value(run, flow, SlotType.MOBILE));
    }
    List<Ticket> found = run.tickets(query, LISTED);
    if (found.isEmpty()) {
      run.goTo(step.missing());
      return;
    }
    run.say(run.presenter.ticketList(found));
    run.goTo(step.found());
  }

  private static String value(TurnRun run, Flow flow, SlotType type) {
    return flow.slotOfType(type).map(slot -> run.state.slots.getOrDefault(slot, "")).orElse("");
  }
}
