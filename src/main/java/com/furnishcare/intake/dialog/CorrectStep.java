package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.util.Optional;

/**
 * {@code correct}: "电话写错了，是139…" changes the slot the message names; "地址写错了" clears it and the
 * interrupted flow asks for it again. Reads the message that started its flow (the loader keeps it first).
 */
final class CorrectStep implements StepHandler<Step.Correct> {

  /** Only a correction that names what it corrects starts this flow; others are read as ordinary messages. */
  @Override
  public boolean accepts(Step.Correct step, TurnRun run, Understanding u) {
    return run.corrected(u).isPresent();
  }

  @Override
  public void enter(Step.Correct step, TurnRun run) {
    DialogState state = run.state;
    state.pop();
    Understanding u = run.trigger;
    String slot = run.corrected(u).orElseThrow();
    Optional<String> value = Optional.ofNullable(run.facts(u).get(slot));
    run.vars.put("slotLabel", run.presenter.label(run.runningFlow(), slot));
    if (value.isPresent()) {
      state.slots.put(slot, value.get());
      run.vars.put("value", run.presenter.display(slot, value.get()));
      run.say(run.render(step.changed()));
      continueAfterChange(run);
    } else {
      state.slots.remove(slot);
      run.say(run.render(step.ask()));
      backToCollect(run, slot);
    }
  }

  /** A step that was only waiting for a change ("请直接告诉我要修改的内容") moves on; others ask again. */
  static void continueAfterChange(TurnRun run) {
    Optional<Frame> top = run.state.top();
    if (top.isPresent() && run.stepOf(top.get()) instanceof Step.Say say && say.waitForUser()) {
      run.goTo(say.next());
      return;
    }
    run.reaskTop();
  }

  /** After a slot was cleared, the flow that collects it asks again from its collect step. */
  private static void backToCollect(TurnRun run, String slot) {
    DialogState state = run.state;
    for (int i = state.stack.size() - 1; i >= 0; i--) {
      Frame frame = state.stack.get(i);
      Flow flow = run.flowOf(frame);
      for (Step step : flow.steps()) {
        if (step instanceof Step.Collect c && c.slots().contains(slot)) {
          state.stack.set(i, new Frame(frame.flow(), c.id(), false));
          return;
        }
      }
    }
  }
}
