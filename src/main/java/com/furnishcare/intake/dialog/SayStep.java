package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Understanding;

/** {@code say}: says its text, then goes on, or with {@code waitForUser} goes on at the next message. */
final class SayStep implements StepHandler<Step.Say> {

  @Override
  public void enter(Step.Say say, TurnRun run) {
    run.say(run.render(say.text()));
    if (say.waitForUser()) {
      run.waitHere();
    } else {
      run.goTo(say.next());
    }
  }

  /** The message it waited for ("地址改成……") may carry facts for the flow; then the flow goes on. */
  @Override
  public void answer(Step.Say say, TurnRun run, Understanding u) {
    if (run.fill(u, run.runningFlow().orElseThrow())) {
      return;
    }
    run.goTo(say.next());
    run.advance();
  }
}
