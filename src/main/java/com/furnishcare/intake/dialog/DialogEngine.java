package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.Trigger;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.Grading;
import com.furnishcare.intake.dialog.model.MainMenu;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Intent;
import com.furnishcare.intake.dialog.nlu.SlotNames;
import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import com.furnishcare.intake.dialog.nlu.Understander;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Runs the flows of a {@link DialogBook}: one message in, the next things to say out. Flows stack: a
 * pattern flow (cancel, correct, help, progress, resume) runs on top of an interrupted intake and hands
 * back to it. Slots are shared by the conversation, so a fact said once is never asked again; a
 * different value for a filled slot is only taken when the user corrects it or confirms the change.
 */
public final class DialogEngine implements Conversation {

  /** A description stops growing at about this many characters; the transcript keeps everything said. */
  static final int MAX_DESCRIPTION = 600;
  private static final Pattern DEFAULT_ORDER = Pattern.compile("[a-z]{2}\\d{8,12}", Pattern.CASE_INSENSITIVE);
  /** Counted in the same map as a flow's misses per slot; no slot has this name. */
  private static final String MENU_MISSES = "main-menu";
  private static final Set<String> PHOTOS_DONE = Set.of("好了", "好", "发完了", "发好了", "完了", "没了", "就这些", "ok");

  private final Supplier<DialogBook> books;
  private final TicketIds ids;

  /** @param books the current dialog book; called once per message, so an edited book is used at once */
  public DialogEngine(Supplier<DialogBook> books, TicketIds ids) {
    this.books = books;
    this.ids = ids;
  }

  @Override
  public Turn respond(Session session, InboundMessage message, DialogContext context) {
    Run run = new Run(books.get(), DialogState.from(session), message, context);
    run.go();
    run.state.lastActiveMillis = context.now().toEpochMilli();
    return new Turn(run.state.toSession(context.now()), run.replies, run.tickets, run.changed);
  }

  /** One turn's work. */
  private final class Run {
    final DialogBook book;
    final DialogState state;
    final InboundMessage message;
    final DialogContext ctx;
    final Understander nlu;
    final List<Reply> replies = new ArrayList<>();
    final List<Ticket> tickets = new ArrayList<>();
    final List<Ticket> changed = new ArrayList<>();
    final Map<String, String> vars = new HashMap<>();
    final Presenter presenter;
    /** Put before the next thing said: "回到刚才的问题：" when an intake goes on after an answer. */
    String prefix = "";

    Run(DialogBook book, DialogState state, InboundMessage message, DialogContext ctx) {
      this.book = book;
      this.state = state;
      this.message = message;
      this.ctx = ctx;
      this.nlu = new Understander(book.vocabulary());
      this.presenter = new Presenter(book, ctx.zone());
    }

    void go() {
      state.messageCount++;
      MessageKind kind = message.kind();
      switch (kind) {
        case UNSUBSCRIBE, OTHER_EVENT -> {
          return;
        }
        case TICKET_UPDATE -> {
          ticketUpdate();
          return;
        }
        case SUBSCRIBE, SCAN -> {
          say(book.menu().welcome() + "\n" + book.menu().text());
          return;
        }
        case OTHER -> {
          say(msg("unsupportedMessage"));
          return;
        }
        case LINK -> {
          state.heard("[链接] " + message.text());
          vars.put("link", message.text());
          say(msg("linkReceived"));
          return;
        }
        case IMAGE -> {
          receivePhoto();
          return;
        }
        case LOCATION -> {
          receiveLocation();
          return;
        }
        case MENU_CLICK -> {
          String intent = book.menu().menuKeys().get(message.text().strip().toUpperCase(Locale.ROOT));
          if (intent == null) {
            say(msg("menuKeyClosed") + "\n" + book.menu().text());
          } else {
            state.heard("[菜单] " + message.text());
            choose(intent, nlu.understand("", understanderContext()));
          }
          return;
        }
        default -> {
          // TEXT, VOICE (recognised speech), LOCATION (its label) are read as text
        }
      }
      String text = message.text().strip();
      if (text.isEmpty()) {
        say(kind == MessageKind.VOICE ? msg("voiceUnclear") : msg("emptyMessage") + "\n" + book.menu().text());
        return;
      }
      state.heard(text);
      Understanding u = nlu.understand(text, understanderContext());
      // What the last answer offered (numbered choices, "需要登记投诉吗？") holds for this message only.
      List<String> faqChoices = state.faqChoices;
      Optional<String> offered = state.offeredComplaint;
      Optional<String> complaintOrQuestion = state.complaintOrQuestion;
      state.faqChoices = List.of();
      state.offeredComplaint = Optional.empty();
      state.complaintOrQuestion = Optional.empty();
      boolean askingAboutResolution = state.top().map(t -> t.flow().equals(DialogBook.RESOLUTION)).orElse(false);
      if (state.waitingForAgent && !askingAboutResolution) {
        if (u.has(Intent.RESTART)) {
          state.waitingForAgent = false;
          say(msg("backToBot") + "\n" + book.menu().text());
        } else {
          say(msg("waitingForAgent"));
        }
        return;
      }
      if (pausedTooLong()) {
        state.stack.add(new Frame(DialogBook.RESUME, book.flow(DialogBook.RESUME).first().id(), false));
        advance();
        return;
      }
      Optional<String> picked = FaqReplies.picked(text, faqChoices);
      if (picked.isPresent()) {
        present(faq(FaqQuery.entry(picked.get())));
        return;
      }
      if (offered.isPresent() && u.yesNo().isPresent() && !u.has(Intent.HUMAN) && !u.has(Intent.ESCALATE)) {
        if (u.yesNo().get()) {
          state.slots.putIfAbsent(SlotNames.CATEGORY, offered.get());
          startComplaint(u);
        } else {
          say(book.menu().answers().declined());
        }
        return;
      }
      if (offered.isPresent() && u.yesNo().isEmpty() && u.asks() && u.slots().isEmpty()
          && !u.has(Intent.HUMAN) && !u.has(Intent.ESCALATE)) {
        // Asked back after "需要登记投诉吗？": a new question the knowledge base answers is answered;
        // "嗯？", "什么意思" get the offer explained and made again.
        FaqResult result = faq(FaqQuery.question(text));
        if (result.decision() != FaqResult.Decision.NONE) {
          present(result);
          return;
        }
        MainMenu.FaqTexts texts = book.menu().answers();
        say((texts.offerExplained().isBlank() ? "" : texts.offerExplained() + "\n") + texts.offerComplaint());
        state.offeredComplaint = offered;
        return;
      }
      if (complaintOrQuestion.isPresent() && book.menu().complaintOrQuestion().isPresent()) {
        MainMenu.ComplaintOrQuestion cq = book.menu().complaintOrQuestion().get();
        boolean question = u.yesNo().map(yes -> !yes).orElse(false)
            || cq.questionWords().stream().anyMatch(text::contains);
        if (question && !u.has(Intent.COMPLAINT)) {
          present(faq(FaqQuery.question(complaintOrQuestion.get())));
          return;
        }
        if (u.has(Intent.COMPLAINT) || u.yesNo().orElse(false)) {
          state.slots.putIfAbsent(SlotNames.DESCRIPTION, complaintOrQuestion.get());
          startComplaint(u);
          return;
        }
        // Neither: the new message is read on its own below.
      }
      if (state.pendingChange.isPresent() && u.yesNo().isEmpty() && asksBack(u)) {
        // "嗯？", "改成什么？": not an answer; the change stays pending and is asked about again.
        String[] change = state.pendingChange.get();
        askChange(change[0], state.slots.getOrDefault(change[0], ""), change[1]);
        return;
      }
      if (state.pendingChange.isPresent() && u.yesNo().isPresent()) {
        String[] change = state.pendingChange.get();
        state.pendingChange = Optional.empty();
        if (u.yesNo().get()) {
          state.slots.put(change[0], change[1]);
          sayChanged(change[0], change[1]);
          continueAfterChange();
        } else {
          vars.put("slotLabel", presenter.label(change[0]));
          say(msg("keptOld"));
          reaskTop();
        }
        advance();
        return;
      }
      state.pendingChange = Optional.empty();
      if (u.has(Intent.ESCALATE)) {
        state.escalated = true;
        handoff(u, true);
        return;
      }
      if (u.has(Intent.HUMAN)) {
        handoff(u, false);
        return;
      }
      if (u.has(Intent.CANCEL) && !onTop(DialogBook.CANCEL)) {
        pushOrMenu(DialogBook.CANCEL);
        return;
      }
      if (u.has(Intent.RESTART)) {
        pushOrMenu(DialogBook.RESTART);
        return;
      }
      if (u.has(Intent.CORRECT) && !state.stack.isEmpty() && u.correctedSlot().isPresent()) {
        correct(u);
        return;
      }
      if (u.has(Intent.HELP)) {
        // An ordinary flow on top of whatever runs: its steps say what they say (a `resume` step hands
        // back at once), and the interrupted question is asked again afterwards.
        reaskTop();
        push(DialogBook.HELP);
        advance();
        return;
      }
      if (u.has(Intent.PROGRESS) && !state.running(DialogBook.PROGRESS)) {
        push(DialogBook.PROGRESS);
        advance();
        return;
      }
      Optional<Frame> top = state.top();
      if (top.isPresent()) {
        answer(top.get(), u);
        return;
      }
      // Misses at the menu count only while they come one after another.
      int menuMisses = state.tries.getOrDefault(MENU_MISSES, 0);
      state.tries.remove(MENU_MISSES);
      Optional<String> option = Optional.ofNullable(book.menu().options().get(text.replaceAll("[.,\\s]", "")));
      if (option.isPresent()) {
        choose(option.get(), u);
        return;
      }
      if (!u.asks() && carriesIntakeFacts(u)) {
        // A statement with an order number, a phone or an address is someone filing a complaint, not a
        // question for the knowledge base ("合同上写的是 DD2026110301", "我叫…，住…").
        startComplaint(u);
        return;
      }
      if (u.asks() && carriesIntakeFacts(u) && !u.has(Intent.COMPLAINT) && !u.has(Intent.PROGRESS)
          && book.menu().complaintOrQuestion().isPresent()) {
        // Facts of a complaint in the form of a question: ask which it is rather than guess. The facts are
        // kept, so a complaint does not ask for them again.
        u.slots().forEach((slot, value) -> {
          if (!slot.equals(SlotNames.DESCRIPTION)) {
            state.slots.putIfAbsent(slot, value);
          }
        });
        state.complaintOrQuestion = Optional.of(text);
        say(book.menu().complaintOrQuestion().get().text());
        return;
      }
      if (u.has(Intent.QUESTION) && !u.has(Intent.COMPLAINT)) {
        present(faq(FaqQuery.question(text)));
        return;
      }
      if (u.has(Intent.COMPLAINT) || (u.slots().containsKey(SlotNames.CATEGORY)
          && book.flow(DialogBook.COMPLAINT).trigger().onCategory())) {
        startComplaint(u);
        return;
      }
      if (u.has(Intent.GREETING)) {
        say(book.menu().welcome() + "\n" + book.menu().text());
        return;
      }
      if (u.has(Intent.THANKS)) {
        say(book.menu().thanks());
        return;
      }
      // Not a known command or fact: maybe a question without question words ("保修期", "发票抬头").
      FaqResult result = faq(FaqQuery.question(text));
      if (result.decision() != FaqResult.Decision.NONE) {
        present(result);
        return;
      }
      MainMenu.NotUnderstood notUnderstood = book.menu().notUnderstood();
      if (menuMisses + 1 >= notUnderstood.maxTries()) {
        // The same "not understood" again would be a dead end: a person takes it from here.
        handoff(u, false);
        return;
      }
      state.tries.put(MENU_MISSES, menuMisses + 1);
      say(notUnderstood.text() + "\n" + book.menu().text());
    }

    private FaqResult faq(FaqQuery query) {
      return ctx.lookups().faq(query);
    }

    /**
     * Says what the knowledge base found. Inside a flow an answer is followed by the flow's pending
     * question ("回到刚才的问题：…"); outside, an entry that names a complaint category offers to file one.
     */
    private void present(FaqResult result) {
      MainMenu.FaqTexts texts = book.menu().answers();
      FaqReplies.Reply reply = FaqReplies.of(result, state.top().isPresent(), texts,
          code -> book.vocabulary().category(code).isPresent());
      say(reply.text());
      state.faqChoices = reply.choices();
      state.offeredComplaint = reply.offeredCategory();
      if (reply.resumeFlow()) {
        prefix = texts.resume();
        reaskTop();
        advance();
      }
    }

    /**
     * A question asked in the middle of a flow ("配件多久能到？" while the order number is asked): it
     * carries no fact the flow collects, and the flow is not waiting for free text or a yes/no.
     */
    private boolean asksInsteadOfAnswering(Understanding u, Flow flow, Step step) {
      // At a yes/no step a question is taken as being about that question (see answer()).
      if (!u.has(Intent.QUESTION) || u.has(Intent.COMPLAINT) || step instanceof Step.Confirm) {
        return false;
      }
      if (state.asked.map(a -> flow.slots().containsKey(a) && flow.slots().get(a).type() == SlotType.TEXT)
          .orElse(false)) {
        return false;
      }
      return u.slots().keySet().stream().noneMatch(slot -> flow.slots().containsKey(slot)
          && !slot.equals(SlotNames.DESCRIPTION) && !slot.equals(SlotNames.CATEGORY));
    }

    private Understander.Context understanderContext() {
      Pattern order = book.flow(DialogBook.COMPLAINT).slots().values().stream()
          .filter(s -> s.type() == SlotType.ORDER_NUMBER).findFirst()
          .flatMap(SlotSpec::pattern).orElse(DEFAULT_ORDER);
      return new Understander.Context(ctx.now().atZone(ctx.zone()).toLocalDate(), order, state.asked);
    }

    private boolean pausedTooLong() {
      Optional<Frame> top = state.top();
      if (top.isEmpty() || top.get().flow().equals(DialogBook.RESUME) || state.lastActiveMillis == 0) {
        return false;
      }
      Trigger resume = book.flow(DialogBook.RESUME).trigger();
      // Only flows worth picking up again: an answer to a standalone question (问题解决了吗？) given the
      // next day is just the answer, not an interruption to resume.
      if (!resume.afterPauseOf().isEmpty() && !resume.afterPauseOf().contains(top.get().flow())) {
        return false;
      }
      int minutes = resume.afterPauseMinutes().orElse(30);
      return ctx.now().toEpochMilli() - state.lastActiveMillis > Duration.ofMinutes(minutes).toMillis();
    }

    private void choose(String intent, Understanding u) {
      switch (intent) {
        case "complaint" -> startComplaint(u);
        case "progress" -> {
          push(DialogBook.PROGRESS);
          advance();
        }
        case "human" -> handoff(u, false);
        case "faq" -> say(book.menu().faq());
        default -> say(book.menu().text());
      }
    }

    private void receivePhoto() {
      state.heard("[图片]");
      String entry = (message.attribute("mediaId") + " " + message.attribute("picUrl")).strip();
      String existing = state.slots.getOrDefault(SlotNames.PHOTOS, "");
      state.slots.put(SlotNames.PHOTOS, existing.isEmpty() ? entry : existing + "\n" + entry);
      int count = state.slots.get(SlotNames.PHOTOS).split("\n").length;
      if (state.asked.map(SlotNames.PHOTOS::equals).orElse(false)) {
        vars.put("count", Integer.toString(count));
        say(msg("photoNumbered"));
      } else if (state.running(DialogBook.COMPLAINT)) {
        say(msg("photoAttached"));
        reaskTop();
        advance();
      } else {
        say(msg("photoIdle"));
      }
    }

    /**
     * The ticketing system changed a ticket: tell the customer; a resolved ticket starts the check
     * whether the problem is really solved.
     */
    private void ticketUpdate() {
      Ticket ticket = ticket(message.attribute("ticketId"));
      TicketStatus status = TicketStatus.fromWire(message.attribute("status"));
      if (ticket.status() == status) {
        return;
      }
      Ticket updated = ticket.withStatus(status);
      changed.add(updated);
      describe(updated);
      if (status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED) {
        state.waitingForAgent = false; // the matter an agent was called for has been dealt with
      }
      if (status == TicketStatus.RESOLVED) {
        state.followTicket = Optional.of(updated.id());
        push(DialogBook.RESOLUTION);
        advance();
        return;
      }
      String note = message.attribute("note");
      vars.put("ticket.id", updated.id());
      vars.put("ticket.category", presenter.categoryLabel(updated.category()));
      vars.put("status", status.label());
      vars.put("note", note);
      say(msg("statusChanged") + (note.isEmpty() ? "" : "\n" + msg("statusNote")));
    }

    /** The ticket as this turn last saw it: changed earlier in the turn, or looked up. */
    private Ticket ticket(String id) {
      for (int i = changed.size() - 1; i >= 0; i--) {
        if (changed.get(i).id().equals(id)) {
          return changed.get(i);
        }
      }
      TicketQuery query = TicketQuery.ofId(id);
      List<Ticket> found = ctx.lookups().tickets(query);
      if (found.isEmpty()) {
        throw new IllegalStateException("ticket " + id + " does not exist");
      }
      return found.get(0);
    }

    private void describe(Ticket ticket) {
      Grading.Level rules = book.grading().level(ticket.level());
      vars.put("ticket.id", ticket.id());
      vars.put("ticket.category", presenter.categoryLabel(ticket.category()));
      vars.put("ticket.levelLabel", rules.label());
      vars.put("ticket.firstResponseDue", presenter.when(ticket.firstResponseDueAt()));
      vars.put("ticket.resolutionDue", presenter.when(ticket.resolutionDueAt()));
    }

    /** Closes or re-opens the ticket the customer was asked about, then says so and goes on. */
    private void settleFollowed(UnaryOperator<Ticket> change, String text, String next) {
      state.followTicket.ifPresent(id -> {
        Ticket settled = change.apply(ticket(id));
        changed.add(settled);
        describe(settled);
      });
      state.followTicket = Optional.empty();
      say(render(text));
      goTo(next);
    }

    /** "没解决": unsatisfied, one level up, deadlines of the new level from now. */
    private Ticket reopen(Ticket ticket) {
      int level = Math.min(3, ticket.level() + 1);
      Grading.Level rules = book.grading().level(level);
      return ticket.reopened(level, ctx.now().plus(rules.firstResponse()), ctx.now().plus(rules.resolution()));
    }

    /** A shared location answers an address question; otherwise it is acknowledged. */
    private void receiveLocation() {
      String label = message.text().strip();
      state.heard("[位置] " + label);
      if (state.asked.map(SlotNames.ADDRESS::equals).orElse(false) && !label.isEmpty()) {
        state.slots.put(SlotNames.ADDRESS, label);
        reaskTop();
        advance();
        return;
      }
      vars.put("location", label.isEmpty() ? msg("locationWithoutLabel") : label);
      say(msg("locationReceived") + (state.stack.isEmpty() ? "\n" + book.menu().text() : ""));
      reaskTop();
      advance();
    }

    private void startComplaint(Understanding u) {
      if (!state.running(DialogBook.COMPLAINT)) {
        state.tries.clear();
        push(DialogBook.COMPLAINT);
      }
      Flow flow = book.flow(DialogBook.COMPLAINT);
      Map<String, String> before = new HashMap<>(state.slots);
      if (fill(u, flow)) {
        return;
      }
      if (emergency()) {
        return;
      }
      acknowledge(flow, before);
      advance();
    }

    /** Puts "已记下：色差、订单号 DD…" before the next thing said, when the message added facts. */
    private void acknowledge(Flow flow, Map<String, String> before) {
      String noted = noted(before);
      if (!noted.isEmpty() && !flow.acknowledge().isBlank()) {
        vars.put("noted", noted);
        prefix = prefix + render(flow.acknowledge()) + "\n";
      }
    }

    private boolean carriesIntakeFacts(Understanding u) {
      return u.slots().containsKey(SlotNames.ORDER_NO) || u.slots().containsKey(SlotNames.PHONE)
          || u.slots().containsKey(SlotNames.ADDRESS);
    }

    /** A level-3 category (leak, safety hazard) goes straight to a person. */
    private boolean emergency() {
      String category = state.slots.get(SlotNames.CATEGORY);
      if (category != null && state.running(DialogBook.COMPLAINT)
          && book.grading().grade(category, state.escalated, 0) >= 3) {
        handoff(null, false);
        return true;
      }
      return false;
    }

    /** Feeds the user's message to the step that asked for it. */
    private void answer(Frame frame, Understanding u) {
      Flow flow = book.flow(frame.flow());
      Step step = flow.step(frame.step()).orElseThrow();
      if (asksInsteadOfAnswering(u, flow, step)) {
        FaqResult result = faq(FaqQuery.question(u.text()));
        if (result.decision() != FaqResult.Decision.NONE) {
          present(result);
          return;
        }
      }
      if (step instanceof Step.Collect) {
        String asked = state.asked.orElse(null);
        Map<String, String> before = new HashMap<>(state.slots);
        if (fill(u, flow)) {
          // The bot asks whether to change an earlier fact; the question it had asked is still unanswered.
          if (asked != null) {
            countMiss(asked);
          }
          return;
        }
        if (emergency()) {
          return;
        }
        if (asked != null && !state.slots.containsKey(asked)) {
          SlotSpec spec = flow.slots().get(asked);
          if (spec.type() == SlotType.PHOTOS || (spec.optional() && u.saysNone())) {
            state.slots.put(asked, state.slots.getOrDefault(asked, ""));
          } else if (spec.type() == SlotType.TEXT && cjk(u.text()) >= 2) {
            state.slots.put(asked, u.text());
          } else if (spec.type() == SlotType.WANTS && cjk(u.text()) >= 2 && !u.asks()) {
            // 诉求 in the homeowner's own words ("把缺的配件补上") is the answer, kept as said.
            state.slots.put(asked, u.text().strip());
          } else if (gaveOtherFacts(before, asked)) {
            // Not what was asked, but other facts: take them, say so, and ask again without counting a miss.
            acknowledge(flow, before);
            reaskTop();
            advance();
            return;
          } else if (u.saysNone() && !spec.optional()) {
            // "没有" / "不知道" to a fact we need: asking again would not produce it.
            giveUp(spec);
            return;
          } else if (flow.slots().containsKey(SlotNames.DESCRIPTION) && cjk(u.text()) >= 6) {
            // Not the answer asked for, but more about the problem: keep it rather than refuse it. It is
            // still a miss for the question asked, so a homeowner who cannot answer it is not asked forever.
            String old = state.slots.getOrDefault(SlotNames.DESCRIPTION, "");
            if (old.length() < MAX_DESCRIPTION) {
              state.slots.put(SlotNames.DESCRIPTION, old.isEmpty() ? u.text() : old + "；" + u.text());
            }
            if (missed(spec, flow.maxTries())) {
              giveUp(spec);
              return;
            }
            say(msg("addedToDescription"));
            reaskTop();
            advance();
            return;
          } else if (missed(spec, flow.maxTries())) {
            giveUp(spec);
            return;
          } else {
            say(render(spec.reprompt()));
            return;
          }
        } else if (asked != null && asked.equals(SlotNames.PHOTOS) && PHOTOS_DONE.contains(bare(u.text()))) {
          state.asked = Optional.empty();
        }
        acknowledge(flow, before);
        reaskTop();
        advance();
        return;
      }
      if (step instanceof Step.Confirm confirm) {
        String misses = "confirm:" + frame.flow() + ":" + confirm.id();
        if (u.yesNo().isPresent()) {
          state.tries.remove(misses);
          goTo(u.yesNo().get() ? confirm.yes() : confirm.no());
          advance();
          return;
        }
        Map<String, String> before = new HashMap<>(state.slots);
        if (fill(u, flow)) {
          // A fact that differs from the summary's: the bot asks whether to change it. Still no answer to
          // the summary, so it counts towards the tries like any other.
          countMiss(misses);
          return;
        }
        if (!state.slots.equals(before)) {
          // A correction at the summary: progress, not a miss; the summary is shown again with it.
          state.tries.remove(misses);
          reaskTop();
          advance();
          return;
        }
        if (countMiss(misses) > flow.maxTries()) {
          // Explained maxTries times and still no yes or no: change course — the step's `otherwise`, or a
          // person takes it (with what is known, filed).
          state.tries.remove(misses);
          if (confirm.otherwise().isEmpty()) {
            handoff(u, false);
          } else {
            goTo(confirm.otherwise());
            advance();
          }
          return;
        }
        if (asksBack(u)) {
          // "嗯？", "这是什么", "确认什么?": say what is being asked, then ask it again.
          explainAndAskAgain(confirm);
          return;
        }
        if (!confirm.explain().isBlank()) {
          // Neither yes nor no ("随便", "确认，不过不对"): the same explanation says what would be.
          explainAndAskAgain(confirm);
          return;
        }
        say(msg("answerYesNo"));
        return;
      }
      if (step instanceof Step.Say say) {
        if (fill(u, flow)) {
          return;
        }
        goTo(say.next());
        advance();
        return;
      }
      reaskTop();
      advance();
    }

    /** The slots this message set or changed, the description aside (it only ever grows). */
    private List<String> changedSince(Map<String, String> before) {
      List<String> changed = new ArrayList<>();
      state.slots.forEach((slot, value) -> {
        if (!slot.equals(SlotNames.DESCRIPTION) && !value.equals(before.get(slot))) {
          changed.add(slot);
        }
      });
      return changed;
    }

    /** What this message added, as "订单号 DD2026110301、称呼 曾先生", so the homeowner sees it was heard. */
    private String noted(Map<String, String> before) {
      return String.join("、", changedSince(before).stream().filter(slot -> !state.slots.get(slot).isEmpty())
          .map(slot -> presenter.label(slot) + " " + presenter.display(slot, state.slots.get(slot))).toList());
    }

    private boolean gaveOtherFacts(Map<String, String> before, String asked) {
      return changedSince(before).stream().anyMatch(slot -> !slot.equals(asked));
    }

    /** Counts an answer that did not give the slot; true once the flow's tries are used up. */
    private boolean missed(SlotSpec spec, int maxTries) {
      return countMiss(spec.name()) >= maxTries;
    }

    /** One more answer that did not answer {@code key} (a slot, a yes/no step, the menu); the count so far. */
    private int countMiss(String key) {
      return state.tries.merge(key, 1, Integer::sum);
    }

    /**
     * Changes course instead of asking again: the slot takes its fallback (empty = not known, shown as
     * such in the summary and on the ticket), the bot says so, and the intake goes on.
     */
    private void giveUp(SlotSpec spec) {
      state.slots.put(spec.name(), spec.fallback());
      state.tries.remove(spec.name());
      if (!spec.givenUp().isBlank()) {
        say(render(spec.givenUp()));
      }
      reaskTop();
      advance();
    }

    /**
     * Takes the facts of the message that the flow collects. Returns true when it had to ask whether
     * to replace a value given earlier (the turn then waits for that answer).
     */
    private boolean fill(Understanding u, Flow flow) {
      for (Map.Entry<String, String> e : u.slots().entrySet()) {
        String slot = e.getKey();
        String value = e.getValue();
        if (!flow.slots().containsKey(slot)) {
          continue;
        }
        String old = state.slots.get(slot);
        if (old == null || old.isEmpty()) {
          state.slots.put(slot, value);
          state.tries.remove(slot);
        } else if (slot.equals(SlotNames.DESCRIPTION)) {
          if (!old.contains(value) && old.length() < MAX_DESCRIPTION) {
            state.slots.put(slot, old + "；" + value);
          }
        } else if (!old.equals(value)) {
          boolean corrected = u.correctedSlot().map(slot::equals).orElse(false);
          if (slot.equals(SlotNames.CATEGORY) && !corrected) {
            // Categories are a fuzzy reading of the text ("维修" as a wish is not a new category):
            // the first one stands unless the user corrects it explicitly.
            continue;
          }
          if (corrected) {
            state.slots.put(slot, value);
            sayChanged(slot, value);
          } else {
            askChange(slot, old, value);
            return true;
          }
        }
      }
      return false;
    }

    /** The step's explanation (when it has one) followed by its question, in one message. */
    private void explainAndAskAgain(Step.Confirm confirm) {
      if (!confirm.explain().isBlank()) {
        prefix = render(confirm.explain()) + "\n";
      }
      reaskTop();
      advance();
    }

    private void askChange(String slot, String old, String value) {
      state.pendingChange = Optional.of(new String[] {slot, value});
      vars.put("slotLabel", presenter.label(slot));
      vars.put("old", presenter.display(slot, old));
      vars.put("value", presenter.display(slot, value));
      say(msg("askChange"));
    }

    /**
     * The message asks something back instead of answering a yes/no question, and brings no fact to
     * take (a problem type or more description in a question, "色差是什么意思？", is not a fact here).
     */
    private boolean asksBack(Understanding u) {
      return u.asks() && u.slots().keySet().stream()
          .allMatch(slot -> slot.equals(SlotNames.DESCRIPTION) || slot.equals(SlotNames.CATEGORY));
    }

    private boolean onTop(String flow) {
      return state.top().map(f -> f.flow().equals(flow)).orElse(false);
    }

    private void correct(Understanding u) {
      String slot = u.correctedSlot().get();
      Optional<String> value = Optional.ofNullable(u.slots().get(slot));
      Step.Correct step = (Step.Correct) book.flow(DialogBook.CORRECT).first();
      vars.put("slotLabel", presenter.label(slot));
      if (value.isPresent()) {
        state.slots.put(slot, value.get());
        vars.put("value", presenter.display(slot, value.get()));
        say(render(step.changed()));
        continueAfterChange();
      } else {
        state.slots.remove(slot);
        say(render(step.ask()));
        backToCollect(slot);
      }
      advance();
    }

    /** A step that was only waiting for a change ("请直接告诉我要修改的内容") moves on; others ask again. */
    private void continueAfterChange() {
      Optional<Frame> top = state.top();
      if (top.isPresent()) {
        Step step = book.flow(top.get().flow()).step(top.get().step()).orElseThrow();
        if (step instanceof Step.Say say && say.waitForUser()) {
          goTo(say.next());
          return;
        }
      }
      reaskTop();
    }

    /** After a slot was cleared, the flow that collects it asks again from its collect step. */
    private void backToCollect(String slot) {
      for (int i = state.stack.size() - 1; i >= 0; i--) {
        Frame frame = state.stack.get(i);
        Flow flow = book.flow(frame.flow());
        for (Step step : flow.steps()) {
          if (step instanceof Step.Collect c && c.slots().contains(slot)) {
            state.stack.set(i, new Frame(frame.flow(), c.id(), false));
            return;
          }
        }
      }
    }

    private void handoff(Understanding u, boolean escalated) {
      Step.Handoff step = (Step.Handoff) book.flow(DialogBook.HANDOFF).first();
      boolean complaintInfo = state.slots.containsKey(SlotNames.CATEGORY) || state.slots.containsKey(SlotNames.DESCRIPTION);
      if (u != null) {
        for (Map.Entry<String, String> e : u.slots().entrySet()) {
          state.slots.putIfAbsent(e.getKey(), e.getValue());
        }
      }
      if (escalated && !state.slots.containsKey(SlotNames.DESCRIPTION) && u != null) {
        state.slots.put(SlotNames.DESCRIPTION, u.text());
      }
      if (complaintInfo || escalated || state.running(DialogBook.COMPLAINT)) {
        createTicket(true);
        say(render(step.textWithTicket()));
        state.clearCollected();
      } else {
        say(render(step.text()));
      }
      state.waitingForAgent = true;
      state.stack.clear();
    }

    private void pushOrMenu(String flow) {
      if (state.stack.isEmpty()) {
        say(msg("nothingRunning") + "\n" + book.menu().text());
        return;
      }
      push(flow);
      advance();
    }

    private void push(String flowId) {
      state.stack.add(new Frame(flowId, book.flow(flowId).first().id(), false));
    }

    /** Makes the top flow say its current question again (after an interruption). */
    private void reaskTop() {
      state.top().ifPresent(f -> state.replaceTop(new Frame(f.flow(), f.step(), false)));
    }

    private void goTo(String target) {
      if (target.equals(Step.END_ALL)) {
        state.stack.clear();
        state.clearCollected();
        return;
      }
      if (target.equals(Step.END)) {
        Frame done = state.stack.remove(state.stack.size() - 1);
        if (done.flow().equals(DialogBook.COMPLAINT)) {
          state.clearCollected();
        }
        reaskTop();
        return;
      }
      Frame top = state.top().orElseThrow();
      state.replaceTop(new Frame(top.flow(), target, false));
    }

    private void advance() {
      for (int guard = 0; guard < 50; guard++) {
        Optional<Frame> top = state.top();
        if (top.isEmpty() || top.get().waiting()) {
          return;
        }
        Frame frame = top.get();
        Flow flow = book.flow(frame.flow());
        Step step = flow.step(frame.step()).orElseThrow();
        if (step instanceof Step.Collect collect) {
          Optional<String> missing = collect.slots().stream().filter(s -> !state.slots.containsKey(s)).findFirst();
          if (missing.isPresent()) {
            state.asked = missing;
            String slot = missing.get();
            String prompt = collect.together().stream()
                .filter(g -> g.slots().get(0).equals(slot) && g.slots().stream().noneMatch(state.slots::containsKey))
                .map(Step.Together::prompt).findFirst()
                .orElse(flow.slots().get(slot).prompt());
            say(render(prompt));
            state.replaceTop(new Frame(frame.flow(), frame.step(), true));
            return;
          }
          state.asked = Optional.empty();
          goTo(collect.next());
        } else if (step instanceof Step.Confirm confirm) {
          state.asked = Optional.empty();
          say(render(confirm.text()));
          state.replaceTop(new Frame(frame.flow(), frame.step(), true));
          return;
        } else if (step instanceof Step.Say s) {
          say(render(s.text()));
          if (s.waitForUser()) {
            state.replaceTop(new Frame(frame.flow(), frame.step(), true));
            return;
          }
          goTo(s.next());
        } else if (step instanceof Step.CreateTicket c) {
          createTicket(false);
          goTo(c.next());
        } else if (step instanceof Step.ListTickets list) {
          listTickets(list);
        } else if (step instanceof Step.Handoff) {
          handoff(null, false);
          return;
        } else if (step instanceof Step.CloseTicket close) {
          settleFollowed(t -> t.withStatus(TicketStatus.CLOSED), close.text(), close.next());
        } else if (step instanceof Step.ReopenTicket reopen) {
          settleFollowed(this::reopen, reopen.text(), reopen.next());
        } else if (step instanceof Step.Resume resume) {
          state.pop();
          if (!resume.text().isEmpty()) {
            say(resume.text());
          }
          reaskTop();
        } else if (step instanceof Step.Restart restart) {
          state.pop();
          Optional<Frame> below = state.top();
          state.clearCollected();
          if (below.isPresent()) {
            state.replaceTop(new Frame(below.get().flow(), book.flow(below.get().flow()).first().id(), false));
          }
          if (!restart.text().isEmpty()) {
            say(restart.text());
          }
        } else {
          state.pop();
          reaskTop();
        }
      }
      throw new IllegalStateException("flow " + state.top() + " does not come to rest: check its steps");
    }

    private void listTickets(Step.ListTickets step) {
      TicketQuery query = step.by().equals("user")
          ? TicketQuery.ofUser(message.from())
          : TicketQuery.ofOrderAndPhone(state.slots.getOrDefault(SlotNames.ORDER_NO, ""),
              state.slots.getOrDefault(SlotNames.PHONE, ""));
      List<Ticket> found = ctx.lookups().tickets(query);
      if (found.isEmpty()) {
        goTo(step.missing());
        return;
      }
      say(presenter.ticketList(found));
      goTo(step.found());
    }

    private void createTicket(boolean needsAgent) {
      String orderNo = state.slots.getOrDefault(SlotNames.ORDER_NO, "");
      int earlier = 0;
      if (!orderNo.isEmpty()) {
        TicketQuery query = TicketQuery.ofOrder(orderNo);
        earlier = ctx.lookups().tickets(query).size();
      }
      String category = state.slots.getOrDefault(SlotNames.CATEGORY, "other");
      Grading grading = book.grading();
      int level = grading.grade(category, state.escalated, earlier);
      Grading.Level rules = grading.level(level);
      String id = ids.next(ctx.now(), ctx.zone());
      List<String> photos = Arrays.stream(state.slots.getOrDefault(SlotNames.PHOTOS, "").split("\n"))
          .filter(p -> !p.isBlank()).toList();
      Ticket ticket = new Ticket(id, TicketStatus.PENDING, level, category,
          state.slots.getOrDefault(SlotNames.CUSTOMER_NAME, ""), state.slots.getOrDefault(SlotNames.PHONE, ""),
          orderNo, state.slots.getOrDefault(SlotNames.ADDRESS, ""),
          state.slots.getOrDefault(SlotNames.DESCRIPTION, ""), state.slots.getOrDefault(SlotNames.WANTS, ""),
          photos, message.from().channel(), message.from().userId(), ctx.now(),
          ctx.now().plus(rules.firstResponse()), ctx.now().plus(rules.resolution()),
          state.slots.getOrDefault(SlotNames.OCCURRED_ON, ""), needsAgent,
          state.escalated ? book.message("escalationNote") : "",
          List.copyOf(state.transcript), book.dealers().route(orderNo));
      tickets.add(ticket);
      describe(ticket);
    }

    private String render(String template) {
      Map<String, String> values = new HashMap<>(vars);
      state.slots.forEach((k, v) -> values.put("slot." + k, presenter.display(k, v)));
      values.put("summary", presenter.summary(state.slots));
      values.put("categoryMenu", presenter.categoryMenu());
      return Templates.render(template, values);
    }

    /** A line of messages.yaml, its placeholders filled from what this turn set. */
    private String msg(String key) {
      return render(book.message(key));
    }

    private void sayChanged(String slot, String value) {
      vars.put("slotLabel", presenter.label(slot));
      vars.put("value", presenter.display(slot, value));
      say(msg("changed"));
    }

    private void say(String text) {
      say(Reply.text(text));
    }

    private void say(Reply reply) {
      Reply said = reply.prefixed(prefix);
      prefix = "";
      replies.add(said);
      state.say(said.plainText());
    }
  }

  private static final Pattern NOT_CJK = Pattern.compile("[^\\u4e00-\\u9fa5]");
  private static final Pattern SEPARATORS = Pattern.compile("[,.;!?\\s]");

  private static int cjk(String text) {
    return NOT_CJK.matcher(text).replaceAll("").length();
  }

  private static String bare(String text) {
    return SEPARATORS.matcher(TextNormalizer.normalize(text)).replaceAll("");
  }
}
