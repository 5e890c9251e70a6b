package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How collected facts and tickets read to the homeowner: labels, the summary, the category menu, lists. */
final class Presenter {

  private final DialogBook book;
  private final ZoneId zone;
  private final DateTimeFormatter when;

  Presenter(DialogBook book, ZoneId zone) {
    this.book = book;
    this.zone = zone;
    this.when = DateTimeFormatter.ofPattern(book.message("dateFormat"), Locale.CHINA);
  }

  /** A slot's value as the homeowner reads it, by the slot's type: labels for codes, a count of photos. */
  String display(String slot, String value) {
    SlotType type = book.slot(slot).map(SlotSpec::type).orElse(SlotType.TEXT);
    switch (type) {
      case CATEGORY:
        return categoryLabel(value);
      case WANTS:
        return String.join(book.message("listSeparator"), Arrays.stream(value.split(","))
            .map(code -> book.vocabulary().want(code).map(Vocabulary.Term::label).orElse(code)).toList());
      case PHOTOS:
        long count = Arrays.stream(value.split("\n")).filter(p -> !p.isBlank()).count();
        return count == 0 ? book.message("none") : Templates.render(book.message("photoCount"),
            Map.of("count", Long.toString(count)));
      default:
        return value.isEmpty() ? book.message("none") : value;
    }
  }

  /** The slot's name for the homeowner: from the running flow's YAML, else from any flow that declares it. */
  String label(Optional<Flow> running, String slot) {
    return running.map(f -> f.slots().get(slot)).or(() -> book.slot(slot)).map(SlotSpec::label).orElse(slot);
  }

  String categoryLabel(String code) {
    return book.vocabulary().category(code).map(Vocabulary.Term::label).orElse(code);
  }

  /** One line per collected slot of the running flow, in the flow's order. */
  String summary(Optional<Flow> running, Map<String, String> slots) {
    StringBuilder out = new StringBuilder();
    if (running.isEmpty()) {
      return "";
    }
    for (String slot : running.get().slots().keySet()) {
      if (slots.containsKey(slot)) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(Templates.render(book.message("summaryLine"),
            Map.of("label", label(running, slot), "value", display(slot, slots.get(slot)))));
      }
    }
    return out.toString();
  }

  /** The categories numbered as the user may answer them ("1.渗水/安全隐患  2.服务态度 ..."). */
  String categoryMenu() {
    StringBuilder out = new StringBuilder();
    List<Vocabulary.Term> categories = book.vocabulary().categories();
    for (int i = 0; i < categories.size(); i++) {
      out.append(i == 0 ? "" : (i % 4 == 0 ? "\n" : "  ")).append(i + 1).append('.').append(categories.get(i).label());
    }
    return out.toString();
  }

  String ticketList(List<Ticket> found) {
    StringBuilder text = new StringBuilder(Templates.render(book.message("ticketListHeader"),
        Map.of("count", Integer.toString(found.size()))));
    for (Ticket t : found.subList(0, Math.min(5, found.size()))) {
      Map<String, String> values = Map.of("id", t.id(), "category", categoryLabel(t.category()),
          "status", t.status().label(), "created", when(t.createdAt()), "due", when(t.resolutionDueAt()));
      text.append("\n").append(Templates.render(book.message("ticketLine"), values));
      if (t.status() == TicketStatus.PENDING || t.status() == TicketStatus.IN_PROGRESS
          || t.status() == TicketStatus.UNSATISFIED) {
        text.append(Templates.render(book.message("ticketDue"), values));
      }
    }
    return text.toString();
  }

  String when(Instant instant) {
    return when.format(instant.atZone(zone));
  }
}
