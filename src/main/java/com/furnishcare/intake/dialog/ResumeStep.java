package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.model.Step;

/** {@code resume}: ends its flow and goes back to the interrupted one, which asks its question again. */
final class ResumeStep implements StepHandler<Step.Resume> {

  @Override
  public void enter(Step.Resume resume, TurnRun run) {
    run.state.pop();
    if (!resume.text().isEmpty()) {
      run.say(resume.text());
    }
    run.reaskTop();
  }
}
