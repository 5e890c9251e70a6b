package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.MainMenu;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.model.Trigger;
import com.furnishcare.intake.dialog.nlu.Intent;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a text message is: the answer to what the last reply offered (a numbered choice, a
 * complaint offer, a pending change), a flow's trigger (from the flows' {@code trigger:}), the answer to
 * the waiting step, or — when nothing runs — a menu choice, a complaint, a question for the knowledge
 * base. Whatever it cannot place counts as a miss; after the menu's maxTries a person takes over.
 */
final class MessageRouter {

  /** Counted in the same map as a flow's misses per slot; no slot has this name. */
  private static final String MENU_MISSES = "main-menu";

  private final TurnRun run;
  private final DialogState state;

  MessageRouter(TurnRun run) {
    this.run = run;
    this.state = run.state;
  }

  void route(String text, Understanding u) {
    // What the last answer offered (numbered choices, "需要登记投诉吗？") holds for this message only.
    List<String> faqChoices = state.faqChoices;
    Optional<String> offered = state.offeredComplaint;
    Optional<String> complaintOrQuestion = state.complaintOrQuestion;
    state.faqChoices = List.of();
    state.offeredComplaint = Optional.empty();
    state.complaintOrQuestion = Optional.empty();
    state.offered = OfferedOptions.Offered.NONE;
    if (state.waitingForAgent && state.stack.isEmpty()) {
      if (u.has(Intent.RESTART)) {
        state.waitingForAgent = false;
        run.sayMenu(run.msg("backToBot"));
      } else {
        run.say(run.msg("waitingForAgent"));
      }
      return;
    }
    Optional<Flow> resume = afterPause();
    if (resume.isPresent()) {
      run.start(resume.get(), u);
      return;
    }
    Optional<String> picked = OfferedOptions.byNumber(text, faqChoices);
    if (picked.isPresent()) {
      present(run.faq(FaqQuery.entry(picked.get())));
      return;
    }
    if (offered.isPresent() && answersOffer(offered.get(), text, u)) {
      return;
    }
    if (complaintOrQuestion.isPresent() && answersComplaintOrQuestion(complaintOrQuestion.get(), text, u)) {
      return;
    }
    if (state.pendingChange.isPresent() && answersChange(u)) {
      return;
    }
    state.pendingChange = Optional.empty();
    if (startsInterruption(u)) {
      return;
    }
    Optional<Frame> top = state.top();
    if (top.isPresent()) {
      answerStep(top.get(), u);
      return;
    }
    idle(text, u);
  }

  /** A flow whose trigger fires after a pause in the running flow ("您上次的投诉还没提交完，继续吗？"). */
  private Optional<Flow> afterPause() {
    Optional<Frame> top = state.top();
    if (top.isEmpty() || state.lastActiveMillis == 0) {
      return Optional.empty();
    }
    long paused = run.ctx.now().toEpochMilli() - state.lastActiveMillis;
    for (Flow flow : run.book.byPriority()) {
      Trigger trigger = flow.trigger();
      // Only flows worth picking up again: an answer to a standalone question (问题解决了吗？) given the next
      // day is just the answer, not an interruption to resume.
      if (trigger.afterPauseMinutes().isEmpty() || top.get().flow().equals(flow.id())
          || state.running(flow.id())
          || (!trigger.afterPauseOf().isEmpty() && !trigger.afterPauseOf().contains(top.get().flow()))) {
        continue;
      }
      if (paused > Duration.ofMinutes(trigger.afterPauseMinutes().getAsInt()).toMillis()) {
        return Optional.of(flow);
      }
    }
    return Optional.empty();
  }

  /** After "需要登记投诉吗？": yes files one, no declines; a question back is answered or the offer explained. */
  private boolean answersOffer(String category, String text, Understanding u) {
    MainMenu.FaqTexts texts = run.book.menu().answers();
    boolean wantsPerson = u.has(Intent.HUMAN) || u.has(Intent.ESCALATE);
    if (u.yesNo().isPresent() && !wantsPerson) {
      if (u.yesNo().get()) {
        startComplaint(u, SlotType.CATEGORY, category);
      } else {
        run.say(texts.declined());
      }
      return true;
    }
    if (u.yesNo().isEmpty() && u.asks() && u.slots().isEmpty() && !wantsPerson) {
      // Asked back: a new question the knowledge base answers is answered; "嗯？", "什么意思" get the offer
      // explained and made again.
      FaqResult result = run.faq(FaqQuery.question(text));
      if (result.decision() != FaqResult.Decision.NONE) {
        present(result);
        return true;
      }
      run.say((texts.offerExplained().isBlank() ? "" : texts.offerExplained() + "\n") + texts.offerComplaint());
      state.offeredComplaint = Optional.of(category);
      return true;
    }
    return false;
  }

  /** After "您是想登记投诉，还是咨询问题？": a question gets the first message answered, a complaint the intake. */
  private boolean answersComplaintOrQuestion(String first, String text, Understanding u) {
    Optional<MainMenu.ComplaintOrQuestion> cq = run.book.menu().complaintOrQuestion();
    if (cq.isEmpty()) {
      return false;
    }
    boolean question = u.yesNo().map(yes -> !yes).orElse(false)
        || cq.get().questionWords().stream().anyMatch(text::contains);
    if (question && !u.has(Intent.COMPLAINT)) {
      present(run.faq(FaqQuery.question(first)));
      return true;
    }
    if (u.has(Intent.COMPLAINT) || u.yesNo().orElse(false)) {
      startComplaint(u, SlotType.TEXT, first);
      return true;
    }
    return false; // neither: the new message is read on its own
  }

  /** After "要改成…吗？": yes changes the fact, no keeps it; a question back asks again. */
  private boolean answersChange(Understanding u) {
    String[] change = state.pendingChange.get();
    if (u.yesNo().isEmpty() && run.asksBack(u)) {
      // "嗯？", "改成什么？": not an answer; the change stays pending and is asked about again.
      run.askChange(change[0], state.slots.getOrDefault(change[0], ""), change[1]);
      return true;
    }
    if (u.yesNo().isEmpty()) {
      return false;
    }
    state.pendingChange = Optional.empty();
    if (u.yesNo().get()) {
      state.slots.put(change[0], change[1]);
      run.sayChanged(change[0], change[1]);
      CorrectStep.continueAfterChange(run);
    } else {
      run.vars.put("slotLabel", run.presenter.label(run.runningFlow(), change[0]));
      run.say(run.msg("keptOld"));
      run.reaskTop();
    }
    run.advance();
    return true;
  }

  /**
   * A flow whose trigger fits the message and that may start now: on top of a running flow only if it
   * interrupts; not again while it runs; a flow that only means something over another (cancel) says its
   * idle message when nothing runs.
   */
  private boolean startsInterruption(Understanding u) {
    for (Flow flow : run.book.byPriority()) {
      Trigger trigger = flow.trigger();
      if (!trigger.interrupts() || trigger.intents().stream().noneMatch(u::has) || !accepts(flow, u)) {
        continue;
      }
      if (state.running(flow.id())) {
        continue;
      }
      if (trigger.needsRunningFlow() && state.stack.isEmpty()) {
        if (trigger.idleMessage().isEmpty()) {
          continue;
        }
        run.sayMenu(run.msg(trigger.idleMessage()));
        return true;
      }
      run.start(flow, u);
      return true;
    }
    return false;
  }

  private boolean accepts(Flow flow, Understanding u) {
    return acceptsFirst(flow.first(), u);
  }

  private <S extends Step> boolean acceptsFirst(S step, Understanding u) {
    return StepTypes.handler(step).accepts(step, run, u);
  }

  /** Feeds the user's message to the step that asked for it; a question instead of an answer is answered first. */
  private void answerStep(Frame frame, Understanding u) {
    Flow flow = run.flowOf(frame);
    Step step = run.stepOf(frame);
    if (asksInsteadOfAnswering(u, flow, step)) {
      FaqResult result = run.faq(FaqQuery.question(u.text()));
      if (result.decision() != FaqResult.Decision.NONE) {
        present(result);
        return;
      }
    }
    if (!frame.waiting()) {
      run.reaskTop();
      run.advance();
      return;
    }
    answer(step, u);
  }

  private <S extends Step> void answer(S step, Understanding u) {
    StepTypes.handler(step).answer(step, run, u);
  }

  /**
   * A question asked in the middle of a flow ("配件多久能到？" while the order number is asked): it carries
   * no fact the flow collects, and the flow is not waiting for free text or a yes/no.
   */
  private boolean asksInsteadOfAnswering(Understanding u, Flow flow, Step step) {
    // At a yes/no step a question is taken as being about that question (see ConfirmStep).
    if (!u.has(Intent.QUESTION) || u.has(Intent.COMPLAINT) || step instanceof Step.Confirm) {
      return false;
    }
    if (state.asked.map(a -> flow.slots().containsKey(a) && flow.slots().get(a).type() == SlotType.TEXT)
        .orElse(false)) {
      return false;
    }
    return u.slots().keySet().stream().noneMatch(type -> flow.slotOfType(type).isPresent()
        && type != SlotType.TEXT && type != SlotType.CATEGORY);
  }

  /** Nothing runs: a menu choice, a complaint, a question, a greeting — or a miss. */
  private void idle(String text, Understanding u) {
    // Misses at the menu count only while they come one after another.
    int menuMisses = state.tries.getOrDefault(MENU_MISSES, 0);
    state.tries.remove(MENU_MISSES);
    Optional<Flow> chosen = menuChoice(text);
    if (chosen.isPresent()) {
      run.start(chosen.get(), u);
      return;
    }
    Optional<Flow> onFacts = run.book.byPriority().stream().filter(f -> f.trigger().onFacts()).findFirst();
    if (!u.asks() && carriesIntakeFacts(u) && onFacts.isPresent()) {
      // A statement with an order number, a phone or an address is someone filing a complaint, not a
      // question for the knowledge base ("合同上写的是 DD2026110301", "我叫…，住…").
      run.start(onFacts.get(), u);
      return;
    }
    if (u.asks() && carriesIntakeFacts(u) && !u.has(Intent.COMPLAINT) && !u.has(Intent.PROGRESS)
        && run.book.menu().complaintOrQuestion().isPresent()) {
      // Facts of a complaint in the form of a question: ask which it is rather than guess. The facts are
      // kept, so a complaint does not ask for them again.
      Optional<String> description = run.book.slotName(SlotType.TEXT);
      run.facts(u).forEach((slot, value) -> {
        if (!description.map(slot::equals).orElse(false)) {
          state.slots.putIfAbsent(slot, value);
        }
      });
      state.complaintOrQuestion = Optional.of(text);
      run.say(run.book.menu().complaintOrQuestion().get().text());
      return;
    }
    if (u.has(Intent.QUESTION) && !u.has(Intent.COMPLAINT)) {
      present(run.faq(FaqQuery.question(text)));
      return;
    }
    Optional<Flow> started = startedBy(u);
    if (started.isPresent() && (u.asks() || u.has(Intent.QUESTION)) && opensComplaint(started.get())) {
      // A question in other words than the question words ("维修要钱吗", "交货晚了你们赔不赔", "投诉流程是怎样的")
      // is answered when the knowledge base can, with the offer to file when its entry names a category: a
      // question is answered, not filed. Only a sure answer for one that says 投诉, which asks to file as often
      // as it asks about filing; what the knowledge base cannot answer opens the intake as before.
      FaqResult result = run.faq(FaqQuery.question(text));
      boolean answered = result.decision() == FaqResult.Decision.ANSWER
          || result.decision() == FaqResult.Decision.CHOICES && !u.has(Intent.COMPLAINT);
      if (answered) {
        present(result);
        return;
      }
    }
    if (started.isPresent()) {
      run.start(started.get(), u);
      return;
    }
    if (u.has(Intent.GREETING)) {
      run.sayMenu(run.book.menu().welcome());
      return;
    }
    if (u.has(Intent.THANKS)) {
      run.say(run.book.menu().thanks());
      return;
    }
    // Not a known command or fact: maybe a question without question words ("保修期", "发票抬头").
    FaqResult result = run.faq(FaqQuery.question(text));
    if (result.decision() != FaqResult.Decision.NONE) {
      present(result);
      return;
    }
    MainMenu.NotUnderstood notUnderstood = run.book.menu().notUnderstood();
    if (menuMisses + 1 >= notUnderstood.maxTries()) {
      // The same "not understood" again would be a dead end: a person takes it from here.
      run.handOff(u);
      return;
    }
    state.tries.put(MENU_MISSES, menuMisses + 1);
    run.sayMenu(notUnderstood.text());
  }

  /** A flow whose trigger names one of the message's intents, or a problem it describes. */
  private Optional<Flow> startedBy(Understanding u) {
    for (Flow flow : run.book.byPriority()) {
      Trigger trigger = flow.trigger();
      boolean byIntent = trigger.intents().stream().anyMatch(u::has);
      boolean byCategory = trigger.onCategory() && u.slots().containsKey(SlotType.CATEGORY);
      if ((byIntent || byCategory) && accepts(flow, u)
          && !(trigger.needsRunningFlow() && state.stack.isEmpty())) {
        return Optional.of(flow);
      }
    }
    return Optional.empty();
  }

  /** The flow a complaint starts (the intake), not a hand-off, a progress query or another command's flow. */
  private boolean opensComplaint(Flow flow) {
    return run.book.startedBy(Intent.COMPLAINT).map(intake -> intake.id().equals(flow.id())).orElse(false);
  }

  /** "1", "投诉": an option of the main menu, by its number or its label. */
  private Optional<Flow> menuChoice(String text) {
    return OfferedOptions.byNumber(text, run.book.menu().options().stream().map(MainMenu.Option::flow).toList())
        .map(run.book::flow);
  }

  /** The intake, started with one fact the earlier exchange gave (the offered category, the first message). */
  private void startComplaint(Understanding u, SlotType type, String value) {
    Flow intake = run.book.startedBy(Intent.COMPLAINT).orElseThrow();
    intake.slotOfType(type).ifPresent(slot -> state.slots.putIfAbsent(slot, value));
    run.start(intake, u);
  }

  private static boolean carriesIntakeFacts(Understanding u) {
    return u.slots().containsKey(SlotType.ORDER_NUMBER) || u.slots().containsKey(SlotType.MOBILE)
        || u.slots().containsKey(SlotType.ADDRESS);
  }

  /**
   * Says what the knowledge base found. Inside a flow an answer is followed by the flow's pending question
   * ("回到刚才的问题：…"); outside, an entry that names a complaint category offers to file one.
   */
  private void present(FaqResult result) {
    MainMenu.FaqTexts texts = run.book.menu().answers();
    FaqReplies.Reply reply = FaqReplies.of(result, state.top().isPresent(), texts,
        code -> run.book.vocabulary().category(code).isPresent(), run.book.optionalMessage("transcriptAnswer"));
    run.say(reply.reply(), reply.logged());
    state.faqChoices = reply.choices();
    state.offeredComplaint = reply.offeredCategory();
    if (reply.resumeFlow()) {
      run.before(texts.resume());
      run.reaskTop();
      run.advance();
    }
  }
}
