package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Grading;
import java.util.Locale;
import java.util.Optional;

/**
 * What arrives that is not text: follows, menu clicks, photos, locations, links, and the ticketing
 * system's status changes (which may start a flow whose trigger names the new status).
 */
final class InboundEvents {

  private final TurnRun run;
  private final DialogState state;

  InboundEvents(TurnRun run) {
    this.run = run;
    this.state = run.state;
  }

  void handle() {
    switch (run.message.kind()) {
      case UNSUBSCRIBE, OTHER_EVENT -> {
        // nothing to say
      }
      case TICKET_UPDATE -> ticketUpdate();
      case AGENT_DONE -> agentDone();
      case AGENT_FILE -> agentFiles();
      case SURVEY_FOLLOWUP -> surveyFollowUp();
      case SUBSCRIBE, SCAN -> run.sayMenu(run.book.menu().welcome());
      case LINK -> {
        run.vars.put("link", run.message.text());
        state.heard(run.book, run.msg("heardLink"));
        run.say(run.msg("linkReceived"));
      }
      case IMAGE -> photo();
      case LOCATION -> location();
      case MENU_CLICK -> menuClick();
      default -> run.say(run.msg("unsupportedMessage"));
    }
  }

  /** A person set another level ({@code level} attribute): its deadlines run from the ticket's creation. */
  private Ticket regraded(Ticket ticket) {
    String raw = run.message.attribute("level");
    if (raw.isEmpty() || raw.equals(Integer.toString(ticket.level()))) {
      return ticket;
    }
    int level = Integer.parseInt(raw);
    Grading.Level rules = run.book.grading().level(level);
    return ticket.regraded(level, ticket.createdAt().plus(rules.firstResponse()),
        ticket.createdAt().plus(rules.resolution()));
  }

  /**
   * The person serving the conversation files a ticket from the facts collected so far (their category
   * and description fill what is missing); the homeowner is told its number.
   */
  private void agentFiles() {
    String category = run.message.attribute("category");
    if (!category.isEmpty() && run.book.vocabulary().categories().stream().anyMatch(c -> c.code().equals(category))) {
      run.book.slotName(SlotType.CATEGORY).ifPresent(slot -> state.slots.put(slot, category));
    }
    String description = run.message.attribute("description");
    if (!description.isEmpty()) {
      run.book.slotName(SlotType.TEXT).ifPresent(slot -> state.slots.putIfAbsent(slot, description));
    }
    run.fileTicket(true);
    state.agentTicket = Optional.of(run.tickets.get(run.tickets.size() - 1).id());
    run.say(run.render(run.msg("agentFiledTicket")));
    state.clearCollected();
  }

  /**
   * A survey answer calls for a person: a ticket for an agent from what the homeowner said (with the level
   * and first-response time the survey settings give, counted from now), the homeowner handed over, and
   * told someone will contact them. The survey goes on; its questions are the turn service's.
   */
  private void surveyFollowUp() {
    String category = run.message.attribute("category");
    if (run.book.vocabulary().categories().stream().anyMatch(c -> c.code().equals(category))) {
      run.book.slotName(SlotType.CATEGORY).ifPresent(slot -> state.slots.put(slot, category));
    } else {
      run.nlu.understand(run.message.attribute("description"), run.understanderContext()).slots().entrySet()
          .stream().filter(e -> e.getKey() == SlotType.CATEGORY).findFirst()
          .ifPresent(e -> run.book.slotName(SlotType.CATEGORY).ifPresent(slot -> state.slots.put(slot, e.getValue())));
    }
    put(SlotType.TEXT, run.message.attribute("description"));
    put(SlotType.ORDER_NUMBER, run.message.attribute("orderNo"));
    put(SlotType.NAME, run.message.attribute("customerName"));
    put(SlotType.MOBILE, run.message.attribute("phone"));
    run.fileTicket(true);
    Ticket filed = run.tickets.remove(run.tickets.size() - 1);
    int level = Integer.parseInt(run.message.attribute("level"));
    Grading.Level rules = run.book.grading().level(level);
    Ticket followUp = filed.regraded(level,
        run.ctx.now().plus(java.time.Duration.ofMinutes(Long.parseLong(run.message.attribute("firstResponseMinutes")))),
        run.ctx.now().plus(rules.resolution()))
        .attributed(attribution(filed), run.message.attribute("installer"))
        .fromSurvey();
    run.tickets.add(followUp);
    run.describe(followUp);
    state.waitingForAgent = true;
    state.agentTicket = Optional.of(followUp.id());
    run.say(run.render(run.msg("surveyFollowUp")));
    state.clearCollected();
  }

  /**
   * The dealer the service event named, when the dealer list knows it: the visit's dealer answers for it
   * even where the order number's prefix would say otherwise; else the order's dealer as usual.
   */
  private com.furnishcare.intake.core.Route attribution(Ticket filed) {
    String dealer = run.message.attribute("dealer");
    return dealer.isEmpty() ? filed.route() : run.book.dealers().dealer(dealer).orElse(filed.route());
  }

  private void put(SlotType type, String value) {
    if (!value.isEmpty()) {
      run.book.slotName(type).ifPresent(slot -> state.slots.put(slot, value));
    }
  }

  /**
   * The person is done: closed, the bot says goodbye; handed back, it picks up the flow that was running
   * (re-asking its question) or offers the menu.
   */
  private void agentDone() {
    state.waitingForAgent = false;
    state.agentTicket = Optional.empty();
    if ("close".equals(run.message.attribute("how"))) {
      state.stack.clear();
      run.say(run.msg("agentClosed"));
    } else if (state.stack.isEmpty()) {
      run.sayMenu(run.msg("agentHandedBack"));
    } else {
      run.say(run.msg("agentHandedBack"));
      run.reaskTop();
      run.advance();
    }
  }

  private void menuClick() {
    String key = run.message.text().strip().toUpperCase(Locale.ROOT);
    String flow = run.book.menu().menuKeys().get(key);
    if (flow == null) {
      run.sayMenu(run.msg("menuKeyClosed"));
      return;
    }
    run.vars.put("key", run.message.text());
    state.heard(run.book, run.msg("heardMenu"));
    run.start(run.book.flow(flow), run.nlu.understand("", run.understanderContext()));
  }

  private void photo() {
    state.heard(run.book, run.msg("heardPhoto"));
    Optional<String> photos = run.book.slotName(SlotType.PHOTOS);
    if (photos.isEmpty()) {
      run.say(run.msg("photoIdle")); // no flow collects photos: acknowledged, nothing to attach them to
      return;
    }
    String entry = (run.message.attribute("mediaId") + " " + run.message.attribute("picUrl")).strip();
    String existing = state.slots.getOrDefault(photos.get(), "");
    state.slots.put(photos.get(), existing.isEmpty() ? entry : existing + "\n" + entry);
    int count = state.slots.get(photos.get()).split("\n").length;
    Optional<Flow> flow = run.runningFlow();
    boolean askedForPhotos = state.asked.flatMap(a -> flow.map(f -> f.slots().get(a)))
        .map(spec -> spec.type() == SlotType.PHOTOS).orElse(false);
    boolean collecting = state.stack.stream().anyMatch(f -> run.flowOf(f).slotOfType(SlotType.PHOTOS).isPresent());
    if (askedForPhotos) {
      run.vars.put("count", Integer.toString(count));
      run.say(run.msg("photoNumbered"));
    } else if (collecting) {
      run.say(run.msg("photoAttached"));
      run.reaskTop();
      run.advance();
    } else {
      run.say(run.msg("photoIdle"));
    }
  }

  /** A shared location answers an address question; otherwise it is acknowledged. */
  private void location() {
    String label = run.message.text().strip();
    run.vars.put("location", label);
    state.heard(run.book, run.msg("heardLocation"));
    boolean askedForAddress = state.asked.flatMap(a -> run.runningFlow().map(f -> f.slots().get(a)))
        .map(spec -> spec.type() == SlotType.ADDRESS).orElse(false);
    if (askedForAddress && !label.isEmpty()) {
      state.slots.put(state.asked.get(), label);
      run.reaskTop();
      run.advance();
      return;
    }
    run.vars.put("location", label.isEmpty() ? run.msg("locationWithoutLabel") : label);
    if (state.stack.isEmpty()) {
      run.sayMenu(run.msg("locationReceived"));
    } else {
      run.say(run.msg("locationReceived"));
    }
    run.reaskTop();
    run.advance();
  }

  /**
   * The ticketing system changed a ticket: tell the customer; a status some flow's trigger names (resolved:
   * "问题解决了吗？") starts that flow about the ticket instead.
   */
  private void ticketUpdate() {
    Ticket ticket = regraded(run.ticket(run.message.attribute("ticketId")));
    TicketStatus status = TicketStatus.fromWire(run.message.attribute("status"));
    if (ticket.status() == status) {
      if (ticket.level() != run.ticket(ticket.id()).level()) {
        run.changed.add(ticket); // a new level is the agent's business; the homeowner is told nothing
      }
      return;
    }
    Ticket updated = ticket.withStatus(status, run.ctx.now());
    run.changed.add(updated);
    run.describe(updated);
    if (status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED) {
      state.waitingForAgent = false; // the matter an agent was called for has been dealt with
    }
    Optional<Flow> follow = run.book.byPriority().stream()
        .filter(f -> f.trigger().ticketStatus().contains(status)).findFirst();
    if (follow.isPresent()) {
      state.followTicket = Optional.of(updated.id());
      run.start(follow.get(), run.nlu.understand("", run.understanderContext()));
      return;
    }
    String note = run.message.attribute("note");
    run.vars.put("status", status.label());
    run.vars.put("note", note);
    run.say(run.msg("statusChanged") + (note.isEmpty() ? "" : "\n" + run.msg("statusNote")));
  }
}
