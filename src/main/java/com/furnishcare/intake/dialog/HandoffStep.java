package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.model.ServiceHours;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * {@code handoff}: the conversation waits for a person. A complaint under way (or an escalation: 12315,
 * 媒体) is filed at once with what is known and marked for an agent, so nothing said is lost.
 */
final class HandoffStep implements StepHandler<Step.Handoff> {

  @Override
  public void enter(Step.Handoff step, TurnRun run) {
    DialogState state = run.state;
    Understanding u = run.trigger;
    boolean escalated = u != null && step.escalating().stream().anyMatch(u::has);
    if (escalated) {
      state.escalated = true;
    }
    boolean complaintInfo = run.hasComplaintFacts();
    boolean filing = state.stack.stream().anyMatch(f -> run.flowOf(f).steps().stream()
        .anyMatch(s -> s instanceof Step.CreateTicket));
    if (u != null) {
      run.facts(u).forEach(state.slots::putIfAbsent);
      if (escalated && run.value(SlotType.TEXT).isEmpty()) {
        run.book.slotName(SlotType.TEXT).ifPresent(description -> state.slots.put(description, u.text()));
      }
    }
    ZonedDateTime now = run.ctx.now().atZone(run.ctx.zone());
    boolean offHours = run.ctx.serviceHours().map(h -> !h.open(now)).orElse(false);
    if (complaintInfo || escalated || filing || offHours) {
      // Outside service hours a ticket is kept whatever was said: nobody reads the chat before morning.
      run.fileTicket(true);
      state.agentTicket = Optional.of(run.tickets.get(run.tickets.size() - 1).id());
      if (offHours) {
        ServiceHours hours = run.ctx.serviceHours().orElseThrow();
        run.vars.put("serviceHours", hours.toString());
        run.vars.put("opensAt", run.presenter.when(hours.nextOpening(now).toInstant()));
        run.say(run.render(step.offHoursText()));
      } else {
        run.say(run.render(step.textWithTicket()));
      }
      state.clearCollected();
    } else {
      run.say(run.render(step.text()));
    }
    state.waitingForAgent = true;
    state.stack.clear();
  }
}
