package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code confirm}: a yes/no question. A fact given instead (a correction at the summary) is taken and the
 * question asked again; anything else is explained and asked again, and after the flow's maxTries the
 * flow goes to the step's {@code otherwise}, or a person takes over.
 */
final class ConfirmStep implements StepHandler<Step.Confirm> {

  @Override
  public void enter(Step.Confirm confirm, TurnRun run) {
    run.state.asked = java.util.Optional.empty();
    run.say(run.confirmReply(confirm));
    run.waitHere();
  }

  @Override
  public void answer(Step.Confirm confirm, TurnRun run, Understanding u) {
    Frame frame = run.state.top().orElseThrow();
    Flow flow = run.flowOf(frame);
    String misses = "confirm:" + frame.flow() + ":" + confirm.id();
    if (u.yesNo().isPresent()) {
      run.state.tries.remove(misses);
      run.goTo(u.yesNo().get() ? confirm.yes() : confirm.no());
      run.advance();
      return;
    }
    Map<String, String> before = new HashMap<>(run.state.slots);
    if (run.fill(u, flow)) {
      // A fact that differs from the summary's: the bot asks whether to change it. Still no answer to the
      // summary, so it counts towards the tries like any other.
      run.countMiss(misses);
      return;
    }
    if (!run.state.slots.equals(before)) {
      // A correction at the summary: progress, not a miss; the summary is shown again with it.
      run.state.tries.remove(misses);
      run.reaskTop();
      run.advance();
      return;
    }
    if (run.countMiss(misses) > flow.maxTries()) {
      // Explained maxTries times and still no yes or no: change course — the step's `otherwise`, or a
      // person takes it (with what is known, filed).
      run.state.tries.remove(misses);
      if (confirm.otherwise().isEmpty()) {
        run.handOff(u);
      } else {
        run.goTo(confirm.otherwise());
        run.advance();
      }
      return;
    }
    if (run.asksBack(u) || !confirm.explain().isBlank()) {
      // "嗯？", "确认什么?", "随便": say what is being asked, then ask it again, in one message.
      if (!confirm.explain().isBlank()) {
        run.before(run.render(confirm.explain()) + "\n");
      }
      run.reaskTop();
      run.advance();
      return;
    }
    run.say(run.msg("answerYesNo"));
  }
}
