package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.dialog.DialogState.Frame;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.Grading;
import com.furnishcare.intake.dialog.model.MainMenu;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Intent;
import com.furnishcare.intake.dialog.nlu.Understander;
import com.furnishcare.intake.dialog.nlu.Understanding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One turn's work: the state read from the session, what is said and filed, and the moves every step
 * handler and the router share (say, go to a step, start a flow, take a message's facts). Pure: the
 * look-ups go through the context's port.
 */
final class TurnRun {

  /** A description stops growing at about this many characters; the transcript keeps everything said. */
  static final int MAX_DESCRIPTION = 600;
  /** How a text names a collected slot: {@code {slot.orderNo}}. */
  private static final String SLOT_PREFIX = "slot.";
  private static final Pattern DEFAULT_ORDER = Pattern.compile("[a-z]{2}\\d{8,12}", Pattern.CASE_INSENSITIVE);

  final DialogBook book;
  final DialogState state;
  final InboundMessage message;
  final DialogContext ctx;
  final Understander nlu;
  final Presenter presenter;
  final TicketIds ids;
  final List<Reply> replies = new ArrayList<>();
  final List<Ticket> tickets = new ArrayList<>();
  final List<Ticket> changed = new ArrayList<>();
  /** Placeholders this turn set ({ticket.id}, {slotLabel} …), for the texts said after. */
  final Map<String, String> vars = new HashMap<>();
  /** The message that started the flow now starting (a correction, an escalation), read by its first step. */
  Understanding trigger;
  /** Put before the next thing said: "回到刚才的问题：", "已记下：…". */
  private String prefix = "";
  /** A ticket filed or changed this turn: the next thing said shows it as a ticket card. */
  private Map<String, String> card = Map.of();

  TurnRun(DialogBook book, Understander nlu, DialogState state, InboundMessage message, DialogContext ctx,
      TicketIds ids) {
    this.book = book;
    this.state = state;
    this.message = message;
    this.ctx = ctx;
    this.ids = ids;
    this.nlu = nlu;
    this.presenter = new Presenter(book, ctx.zone());
  }

  // ---- saying things

  void say(String text) {
    say(Reply.text(text));
  }

  void say(Reply reply) {
    say(reply, Optional.empty());
  }

  /**
   * @param logged what the ticket's transcript records instead of the reply's text (an answer from the knowledge
   *     base is logged by its question: the article is on record, and ten answers would otherwise fill the
   *     transcript, and the session that carries it, with text the agent can look up)
   */
  void say(Reply reply, Optional<String> logged) {
    String before = prefix;
    Reply said = reply.prefixed(prefix);
    prefix = "";
    if (!card.isEmpty() && said.kind() == Reply.Kind.TEXT) {
      said = new Reply(Reply.Kind.TICKET, said.text(), said.options(), card);
      card = Map.of();
    }
    replies.add(said);
    if (!said.options().isEmpty()) {
      state.offered = OfferedOptions.Offered.of(said);
    }
    state.said(book, logged.map(line -> before + line).orElseGet(said::plainText));
  }

  /** Something to say before the next reply, in the same message. */
  void before(String text) {
    prefix = prefix + text;
  }

  /** The main menu, after {@code before} (a greeting, "当前没有进行中的登记。"), as one reply with its options. */
  void sayMenu(String before) {
    MainMenu menu = book.menu();
    String text = before.isEmpty() ? menu.text() : before + "\n" + menu.text();
    say(Reply.choices(text, menu.options().stream().map(o -> new Reply.Option(o.flow(), o.label())).toList()));
  }

  String render(String template) {
    return Templates.render(template, this::placeholder);
  }

  /**
   * A placeholder's value, worked out only when a text names it: the summary and the category menu are built
   * from every slot and category, and most texts name neither.
   */
  private String placeholder(String name) {
    switch (name) {
      case "summary":
        return presenter.summary(runningFlow(), state.slots);
      case "categoryMenu":
        return presenter.categoryMenu();
      default:
        break;
    }
    if (name.startsWith(SLOT_PREFIX)) {
      String slot = name.substring(SLOT_PREFIX.length());
      String value = state.slots.get(slot);
      if (value != null) {
        return presenter.display(slot, value);
      }
    }
    return vars.get(name);
  }

  /** A line of messages.yaml, its placeholders filled from what this turn set. */
  String msg(String key) {
    return render(book.message(key));
  }

  void sayChanged(String slot, String value) {
    vars.put("slotLabel", presenter.label(runningFlow(), slot));
    vars.put("value", presenter.display(slot, value));
    say(msg("changed"));
  }

  void askChange(String slot, String old, String value) {
    state.pendingChange = Optional.of(new String[] {slot, value});
    vars.put("slotLabel", presenter.label(runningFlow(), slot));
    vars.put("old", presenter.display(slot, old));
    vars.put("value", presenter.display(slot, value));
    say(msg("askChange"));
  }

  // ---- moving through flows

  Flow flowOf(Frame frame) {
    return book.flow(frame.flow());
  }

  Step stepOf(Frame frame) {
    return flowOf(frame).step(frame.step()).orElseThrow();
  }

  /** The flow on top, if one runs. */
  Optional<Flow> runningFlow() {
    return state.top().map(this::flowOf);
  }

  void waitHere() {
    Frame top = state.top().orElseThrow();
    state.replaceTop(new Frame(top.flow(), top.step(), true));
  }

  /** Makes the top flow say its current question again (after an interruption). */
  void reaskTop() {
    state.top().ifPresent(f -> state.replaceTop(new Frame(f.flow(), f.step(), false)));
  }

  void goTo(String target) {
    if (target.equals(Step.END_ALL)) {
      state.stack.clear();
      state.clearCollected();
      return;
    }
    if (target.equals(Step.END)) {
      Frame done = state.stack.remove(state.stack.size() - 1);
      if (book.flow(done.flow()).steps().stream().anyMatch(s -> s instanceof Step.CreateTicket)) {
        // A flow that files what it collects is done: the facts went into its ticket.
        state.clearCollected();
      }
      reaskTop();
      return;
    }
    Frame top = state.top().orElseThrow();
    state.replaceTop(new Frame(top.flow(), target, false));
  }

  /** Runs steps until the top flow waits for the user or no flow is left. */
  void advance() {
    for (int guard = 0; guard < 50; guard++) {
      Optional<Frame> top = state.top();
      if (top.isEmpty() || top.get().waiting()) {
        return;
      }
      enter(stepOf(top.get()));
    }
    throw new IllegalStateException("flow " + state.top() + " does not come to rest: check its steps");
  }

  private <S extends Step> void enter(S step) {
    StepTypes.handler(step).enter(step, this);
  }

  /**
   * Starts a flow for this message: on top of the running one (which asks its question again afterwards),
   * with the message's facts taken when the flow collects them.
   */
  void start(Flow flow, Understanding u) {
    if (!state.running(flow.id())) {
      if (state.stack.isEmpty() && !flow.slots().isEmpty()) {
        state.tries.clear(); // a fresh intake counts its own misses
      }
      reaskTop();
      trigger = u;
      state.stack.add(new Frame(flow.id(), flow.first().id(), false));
    }
    if (!flow.slots().isEmpty()) {
      Map<String, String> before = new HashMap<>(state.slots);
      if (fill(u, flow) || handedOver()) {
        return;
      }
      acknowledge(flow, before);
    }
    advance();
  }

  /** Hands the conversation to a person: the flow a human intent starts. */
  void handOff(Understanding u) {
    state.stack.clear();
    start(book.startedBy(Intent.HUMAN).orElseThrow(), u);
  }

  /** Offers the answers of a yes/no step as buttons (numbered nowhere: the text names them). */
  Reply confirmReply(Step.Confirm confirm) {
    String yes = confirm.yesLabel().isEmpty() ? book.message("yesLabel") : confirm.yesLabel();
    String no = confirm.noLabel().isEmpty() ? book.message("noLabel") : confirm.noLabel();
    return new Reply(Reply.Kind.CONFIRM, render(confirm.text()),
        List.of(new Reply.Option("yes", yes), new Reply.Option("no", no)), Map.of());
  }

  // ---- facts

  /**
   * Takes the facts of the message that the flow collects. Returns true when it had to ask whether to
   * replace a value given earlier (the turn then waits for that answer).
   */
  boolean fill(Understanding u, Flow flow) {
    for (Map.Entry<String, String> e : facts(u).entrySet()) {
      String slot = e.getKey();
      String value = e.getValue();
      if (!flow.slots().containsKey(slot)) {
        continue;
      }
      SlotType type = flow.slots().get(slot).type();
      String old = state.slots.get(slot);
      if (old == null || old.isEmpty()) {
        state.slots.put(slot, value);
        state.tries.remove(slot);
      } else if (type == SlotType.TEXT) {
        if (!old.contains(value) && old.length() < MAX_DESCRIPTION) {
          state.slots.put(slot, old + book.message("descriptionSeparator") + value);
        }
      } else if (!old.equals(value)) {
        boolean corrected = corrected(u).map(slot::equals).orElse(false);
        if (type == SlotType.CATEGORY && !corrected) {
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

  /** Puts "已记下：色差、订单号 DD…" before the next thing said, when the message added facts. */
  void acknowledge(Flow flow, Map<String, String> before) {
    String noted = noted(flow, before);
    if (!noted.isEmpty() && !flow.acknowledge().isBlank()) {
      vars.put("noted", noted);
      before(render(flow.acknowledge()) + "\n");
    }
  }

  /** The slots this message set or changed, free text aside (it only ever grows). */
  List<String> changedSince(Flow flow, Map<String, String> before) {
    List<String> changedSlots = new ArrayList<>();
    state.slots.forEach((slot, value) -> {
      SlotSpec spec = flow.slots().get(slot);
      if ((spec == null || spec.type() != SlotType.TEXT) && !value.equals(before.get(slot))) {
        changedSlots.add(slot);
      }
    });
    return changedSlots;
  }

  /** What this message added, as "订单号 DD2026110301、称呼 曾先生", so the homeowner sees it was heard. */
  private String noted(Flow flow, Map<String, String> before) {
    return String.join(book.message("listSeparator"), changedSince(flow, before).stream().filter(slot -> !state.slots.get(slot).isEmpty())
        .map(slot -> presenter.label(Optional.of(flow), slot) + " " + presenter.display(slot, state.slots.get(slot)))
        .toList());
  }

  /**
   * The message asks something back instead of answering a yes/no question, and brings no fact to take
   * (a problem type or more description in a question, "色差是什么意思？", is not a fact here).
   */
  boolean asksBack(Understanding u) {
    return u.asks() && u.slots().keySet().stream().allMatch(type -> type == SlotType.TEXT || type == SlotType.CATEGORY);
  }

  /** One more answer that did not answer {@code key} (a slot, a yes/no step, the menu); the count so far. */
  int countMiss(String key) {
    return state.tries.merge(key, 1, Integer::sum);
  }

  /**
   * A flow that hands urgent complaints to a person (its {@code handoffFromLevel}) has collected a
   * category graded that high: a person takes it now. True when that happened.
   */
  boolean handedOver() {
    Optional<Flow> flow = state.stack.stream().map(this::flowOf)
        .filter(f -> f.handoffFromLevel().isPresent()).reduce((a, b) -> b);
    if (flow.isEmpty()) {
      return false;
    }
    Optional<String> category = flow.get().slotOfType(SlotType.CATEGORY).map(state.slots::get);
    if (category.isPresent() && book.grading().grade(category.get(), state.escalated, 0)
        >= flow.get().handoffFromLevel().getAsInt()) {
      handOff(null);
      return true;
    }
    return false;
  }

  // ---- look-ups and tickets

  FaqResult faq(FaqQuery query) {
    return ctx.lookups().faq(query);
  }

  List<Ticket> tickets(TicketQuery query, int limit) {
    return ctx.lookups().tickets(query, limit);
  }

  /** The ticket as this turn last saw it: changed earlier in the turn, or looked up. */
  Ticket ticket(String id) {
    for (int i = changed.size() - 1; i >= 0; i--) {
      if (changed.get(i).id().equals(id)) {
        return changed.get(i);
      }
    }
    List<Ticket> found = tickets(TicketQuery.ofId(id), 1);
    if (found.isEmpty()) {
      throw new IllegalStateException("ticket " + id + " does not exist");
    }
    return found.get(0);
  }

  /** Makes {ticket.*} say this ticket, and the next reply its card. */
  void describe(Ticket ticket) {
    Grading.Level rules = book.grading().level(ticket.level());
    vars.put("ticket.id", ticket.id());
    vars.put("ticket.category", presenter.categoryLabel(ticket.category()));
    vars.put("ticket.levelLabel", rules.label());
    vars.put("ticket.firstResponseDue", presenter.when(ticket.firstResponseDueAt()));
    vars.put("ticket.resolutionDue", presenter.when(ticket.resolutionDueAt()));
    card = Map.of("ticketId", ticket.id(), "status", ticket.status().name().toLowerCase(java.util.Locale.ROOT),
        "level", Integer.toString(ticket.level()), "levelLabel", rules.label(),
        "category", presenter.categoryLabel(ticket.category()),
        "firstResponseDue", ticket.firstResponseDueAt().toString(),
        "resolutionDue", ticket.resolutionDueAt().toString());
  }

  /** Files what was collected as a ticket. */
  void fileTicket(boolean needsAgent) {
    Ticket ticket = new TicketFiler(book, state, message, ctx, ids).file(needsAgent, this::tickets);
    tickets.add(ticket);
    describe(ticket);
  }

  /** Whether anything of a complaint was collected (a category or a description). */
  boolean hasComplaintFacts() {
    return value(SlotType.CATEGORY).isPresent() || value(SlotType.TEXT).isPresent();
  }

  /** The message's facts under this book's slot names (a phone number goes in the slot of type mobile). */
  Map<String, String> facts(Understanding u) {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    u.slots().forEach((type, value) -> book.slotName(type).ifPresent(name -> facts.put(name, value)));
    return facts;
  }

  /** The slot a correction is about ("电话写错了"), by this book's name for it. */
  Optional<String> corrected(Understanding u) {
    return u.correctedSlot().flatMap(book::slotName);
  }

  /** What was collected for a kind of fact, if anything. */
  Optional<String> value(SlotType type) {
    return book.slotName(type).map(state.slots::get);
  }

  Understander.Context understanderContext() {
    Pattern order = book.slotOfType(SlotType.ORDER_NUMBER).flatMap(SlotSpec::pattern).orElse(DEFAULT_ORDER);
    Optional<SlotType> asked = state.asked.flatMap(book::slot).map(SlotSpec::type);
    return new Understander.Context(ctx.now().atZone(ctx.zone()).toLocalDate(), order, asked);
  }
}
