package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code collect}: asks for the step's missing slots one by one (a {@code together} group in one question)
 * and takes whatever facts each answer gives. An answer that does not fit counts as a miss; after the
 * flow's maxTries the slot takes its fallback and the intake goes on, so no question is asked forever.
 */
final class CollectStep implements StepHandler<Step.Collect> {

  private static final Pattern NOT_CJK = Pattern.compile("[^\\u4e00-\\u9fa5]");
  private static final Pattern SEPARATORS = Pattern.compile("[,.;!?\\s]");

  @Override
  public void enter(Step.Collect collect, TurnRun run) {
    DialogState state = run.state;
    Optional<String> missing = collect.slots().stream().filter(s -> !state.slots.containsKey(s)).findFirst();
    if (missing.isEmpty()) {
      state.asked = Optional.empty();
      run.goTo(collect.next());
      return;
    }
    String slot = missing.get();
    state.asked = missing;
    Optional<String> together = collect.together().stream()
        .filter(g -> g.slots().get(0).equals(slot) && g.slots().stream().noneMatch(state.slots::containsKey))
        .map(Step.Together::prompt).findFirst();
    SlotSpec spec = run.flowOf(state.top().orElseThrow()).slots().get(slot);
    String prompt = together.orElse(spec.prompt());
    if (spec.type() == SlotType.CATEGORY && together.isEmpty() && !prompt.contains("{categoryMenu}")) {
      // The problem types are offered as choices: numbered lines on WeChat and SMS, buttons on the web.
      run.say(Reply.choices(run.render(prompt), run.book.vocabulary().categories().stream()
          .map(t -> new Reply.Option(t.code(), t.label())).toList()));
    } else {
      run.say(run.render(prompt));
    }
    run.waitHere();
  }

  @Override
  public void answer(Step.Collect step, TurnRun run, Understanding u) {
    DialogState state = run.state;
    Frame frame = state.top().orElseThrow();
    Flow flow = run.flowOf(frame);
    String asked = state.asked.orElse(null);
    Map<String, String> before = new HashMap<>(state.slots);
    if (run.fill(u, flow)) {
      // The bot asks whether to change an earlier fact; the question it had asked is still unanswered.
      if (asked != null) {
        run.countMiss(asked);
      }
      return;
    }
    if (run.handedOver()) {
      return;
    }
    if (asked != null && !state.slots.containsKey(asked)) {
      if (unanswered(flow, flow.slots().get(asked), run, u, before)) {
        return;
      }
    } else if (asked != null && flow.slots().get(asked).type() == SlotType.PHOTOS
        && run.book.vocabulary().finished().contains(bare(u.text()))) {
      state.asked = Optional.empty();
    }
    run.acknowledge(flow, before);
    run.reaskTop();
    run.advance();
  }

  /**
   * The message did not fill the slot asked for: take it as the answer where the slot holds free text, or
   * keep what it did give, or count a miss and change course after maxTries. True when the turn is done.
   */
  private boolean unanswered(Flow flow, SlotSpec spec, TurnRun run, Understanding u, Map<String, String> before) {
    DialogState state = run.state;
    String asked = spec.name();
    if (spec.type() == SlotType.PHOTOS || (spec.optional() && u.saysNone())) {
      state.slots.put(asked, state.slots.getOrDefault(asked, ""));
      return false;
    }
    if (spec.type() == SlotType.TEXT && cjk(u.text()) >= 2) {
      state.slots.put(asked, u.text());
      return false;
    }
    if (spec.type() == SlotType.WANTS && cjk(u.text()) >= 2 && !u.asks()) {
      // 诉求 in the homeowner's own words ("把缺的配件补上") is the answer, kept as said.
      state.slots.put(asked, u.text().strip());
      return false;
    }
    if (run.changedSince(flow, before).stream().anyMatch(slot -> !slot.equals(asked))) {
      // Not what was asked, but other facts: take them, say so, and ask again without counting a miss.
      run.acknowledge(flow, before);
      run.reaskTop();
      run.advance();
      return true;
    }
    if (u.saysNone() && !spec.optional()) {
      // "没有" / "不知道" to a fact we need: asking again would not produce it.
      giveUp(spec, run);
      return true;
    }
    Optional<String> description = flow.slotOfType(SlotType.TEXT);
    if (description.isPresent() && cjk(u.text()) >= 6) {
      // Not the answer asked for, but more about the problem: keep it rather than refuse it. It is still a
      // miss for the question asked, so a homeowner who cannot answer it is not asked forever.
      String old = state.slots.getOrDefault(description.get(), "");
      if (old.length() < TurnRun.MAX_DESCRIPTION) {
        state.slots.put(description.get(), old.isEmpty() ? u.text() : old + run.book.message("descriptionSeparator") + u.text());
      }
      if (run.countMiss(asked) >= flow.maxTries()) {
        giveUp(spec, run);
        return true;
      }
      run.say(run.msg("addedToDescription"));
      run.reaskTop();
      run.advance();
      return true;
    }
    if (run.countMiss(asked) >= flow.maxTries()) {
      giveUp(spec, run);
      return true;
    }
    run.say(run.render(spec.reprompt()));
    return true;
  }

  /**
   * Changes course instead of asking again: the slot takes its fallback (empty = not known, shown as such
   * in the summary and on the ticket), the bot says so, and the intake goes on.
   */
  private static void giveUp(SlotSpec spec, TurnRun run) {
    run.state.slots.put(spec.name(), spec.fallback());
    run.state.tries.remove(spec.name());
    if (!spec.givenUp().isBlank()) {
      run.say(run.render(spec.givenUp()));
    }
    run.reaskTop();
    run.advance();
  }

  private static int cjk(String text) {
    return NOT_CJK.matcher(text).replaceAll("").length();
  }

  private static String bare(String text) {
    return SEPARATORS.matcher(TextNormalizer.normalize(text)).replaceAll("");
  }
}
