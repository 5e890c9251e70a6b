package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Understanding;

/**
 * Runs one step {@code type:} of the flow files. Listed with its parser in {@link StepTypes}; adding a
 * step type means a record in {@link Step}, a parser, a handler and its test.
 */
interface StepHandler<S extends Step> {

  /**
   * The flow reached this step: say what it says, then either wait for the user ({@link TurnRun#waitHere})
   * or move on ({@link TurnRun#goTo}, or leave the stack). The engine calls it again until the top flow waits.
   */
  void enter(S step, TurnRun run);

  /** The user answered while this step waited. By default: ask again. */
  default void answer(S step, TurnRun run, Understanding u) {
    run.reaskTop();
    run.advance();
  }

  /**
   * Whether a trigger may start a flow that begins with this step for this message (a correction needs
   * to name what it corrects). By default: yes.
   */
  default boolean accepts(S step, TurnRun run, Understanding u) {
    return true;
  }
}
