package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.Step;
import java.util.Optional;

/** {@code restart}: ends its flow, drops what the interrupted flow collected and starts that one again. */
final class RestartStep implements StepHandler<Step.Restart> {

  @Override
  public void enter(Step.Restart restart, TurnRun run) {
    DialogState state = run.state;
    state.pop();
    Optional<Frame> below = state.top();
    state.clearCollected();
    below.ifPresent(f -> state.replaceTop(new Frame(f.flow(), run.flowOf(f).first().id(), false)));
    if (!restart.text().isEmpty()) {
      run.say(restart.text());
    }
  }
}
