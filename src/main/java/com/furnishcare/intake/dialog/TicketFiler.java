package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Grading;
import com.furnishcare.intake.dialog.model.SlotType;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Builds the ticket from what a conversation collected: level from the grading rules (a repeat complaint
 * on the same order is raised), deadlines from the level, dealer from the order number.
 */
final class TicketFiler {

  private final DialogBook book;
  private final DialogState state;
  private final InboundMessage message;
  private final DialogContext ctx;
  private final TicketIds ids;

  TicketFiler(DialogBook book, DialogState state, InboundMessage message, DialogContext ctx, TicketIds ids) {
    this.book = book;
    this.state = state;
    this.message = message;
    this.ctx = ctx;
    this.ids = ids;
  }

  /**
   * @param lookup finds the newest (at most the given number of) earlier tickets of the same order: a repeat
   *     complaint is graded higher, however many came before, so one found is enough
   */
  Ticket file(boolean needsAgent, BiFunction<TicketQuery, Integer, List<Ticket>> lookup) {
    String orderNo = slot(SlotType.ORDER_NUMBER);
    int earlier = orderNo.isEmpty() ? 0 : lookup.apply(TicketQuery.ofOrder(orderNo), 1).size();
    String category = slot(SlotType.CATEGORY);
    category = category.isEmpty() ? "other" : category;
    Grading grading = book.grading();
    int level = grading.grade(category, state.escalated, earlier);
    Grading.Level rules = grading.level(level);
    String id = ids.next(ctx.now(), ctx.zone());
    List<String> photos = Arrays.stream(slot(SlotType.PHOTOS).split("\n")).filter(p -> !p.isBlank()).toList();
    return new Ticket(id, TicketStatus.PENDING, level, category, slot(SlotType.NAME), slot(SlotType.MOBILE),
        orderNo, slot(SlotType.ADDRESS), slot(SlotType.TEXT), slot(SlotType.WANTS), photos,
        message.from().channel(), message.from().userId(), ctx.now(),
        ctx.now().plus(rules.firstResponse()), ctx.now().plus(rules.resolution()), slot(SlotType.DATE),
        needsAgent, state.escalated ? book.message("escalationNote") : "", List.copyOf(state.transcript.lines()),
        book.dealers().route(orderNo), "");
  }

  /** What was collected for a kind of fact, under this book's name for it; empty when not known. */
  private String slot(SlotType type) {
    return book.slotName(type).map(name -> state.slots.getOrDefault(name, "")).orElse("");
  }
}
