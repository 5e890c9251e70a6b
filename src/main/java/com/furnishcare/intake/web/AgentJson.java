package com.furnishcare.intake.web;

import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.dialog.model.DialogBook;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The console's view of cases, entries and tickets as JSON, with the labels an agent reads. */
final class AgentJson {

  private final Supplier<DialogBook> book;
  private final Function<String, Optional<String>> displayNames;

  AgentJson(Supplier<DialogBook> book, Function<String, Optional<String>> displayNames) {
    this.book = book;
    this.displayNames = displayNames;
  }

  JsonObject caseJson(HandoffCase c, Instant now) {
    return new JsonObject()
        .put("conversation", c.conversation())
        .put("channel", c.channel().wireName())
        .put("level", c.level())
        .put("levelLabel", levelLabel(c.level()))
        .put("category", c.category())
        .put("categoryLabel", categoryLabel(c.category()))
        .put("ticketId", c.ticketId().orElse(null))
        .put("dealer", c.route().dealer())
        .put("dealerName", c.route().dealerName())
        .put("region", c.route().region())
        .put("queuedAt", c.queuedAt().toString())
        .put("firstResponseDue", c.firstResponseDue().toString())
        .put("overdue", c.overdue(now))
        .put("answered", c.firstResponseAt().isPresent())
        .put("owner", c.owner().orElse(null))
        .put("ownerName", c.owner().map(o -> displayNames.apply(o).orElse(o)).orElse(null))
        .put("takenAt", c.takenAt().map(Instant::toString).orElse(null))
        .put("lastInboundAt", c.lastInboundAt().toString())
        .put("preview", "");
  }

  static JsonObject entry(ChatEntry entry) {
    return ChatReplies.entry(entry).put("author", entry.author().wireName());
  }

  JsonObject ticket(Ticket t) {
    return new JsonObject().put("id", t.id()).put("status", t.status().name().toLowerCase(java.util.Locale.ROOT))
        .put("statusLabel", t.status().label()).put("level", t.level()).put("levelLabel", levelLabel(t.level()))
        .put("category", t.category()).put("categoryLabel", categoryLabel(t.category()))
        .put("createdAt", t.createdAt().toString()).put("firstResponseDueAt", t.firstResponseDueAt().toString())
        .put("resolutionDueAt", t.resolutionDueAt().toString()).put("orderNo", t.orderNo())
        .put("dealerName", t.route().dealerName()).put("installer", t.installer());
  }

  private String levelLabel(int level) {
    try {
      return book.get().grading().level(level).label();
    } catch (RuntimeException unknown) {
      return Integer.toString(level);
    }
  }

  private String categoryLabel(String code) {
    return book.get().vocabulary().categories().stream().filter(c -> c.code().equals(code))
        .map(c -> c.label()).findFirst().orElse("");
  }
}
