package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.nlu.SlotNames;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How collected facts and tickets read to the homeowner: labels, the summary, the category menu, lists. */
final class Presenter {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA);

  private final DialogBook book;
  private final ZoneId zone;

  Presenter(DialogBook book, ZoneId zone) {
    this.book = book;
    this.zone = zone;
  }

  String display(String slot, String value) {
    switch (slot) {
      case SlotNames.CATEGORY:
        return categoryLabel(value);
      case SlotNames.WANTS:
        return String.join("、", Arrays.stream(value.split(","))
            .map(code -> book.vocabulary().want(code).map(Vocabulary.Term::label).orElse(code)).toList());
      case SlotNames.PHOTOS:
        long count = Arrays.stream(value.split("\n")).filter(p -> !p.isBlank()).count();
        return count == 0 ? book.message("none") : Templates.render(book.message("photoCount"),
            Map.of("count", Long.toString(count)));
      default:
        return value.isEmpty() ? book.message("none") : value;
    }
  }

  /** The slot's name for the homeowner, from the intake flow's YAML. */
  String label(String slot) {
    SlotSpec spec = book.flow(DialogBook.COMPLAINT).slots().get(slot);
    return spec == null ? slot : spec.label();
  }

  String categoryLabel(String code) {
    return book.vocabulary().category(code).map(Vocabulary.Term::label).orElse(code);
  }

  /** One line per collected slot of the intake, in the flow's order. */
  String summary(Map<String, String> slots) {
    StringBuilder out = new StringBuilder();
    Flow complaint = book.flow(DialogBook.COMPLAINT);
    for (String slot : complaint.slots().keySet()) {
      if (slots.containsKey(slot)) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(label(slot)).append("：").append(display(slot, slots.get(slot)));
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
    return WHEN.format(instant.atZone(zone));
  }
}
