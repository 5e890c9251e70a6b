package com.furnishcare.intake.alert;

import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.Ticket;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns "this happened" into deliveries in the store, one per robot, under the alert's stable id. Raising
 * the same alert again (another process's sweep, the turn and a sweep) adds nothing: the store keeps the
 * first. Kinds switched off, or no robot to hear them, raise nothing.
 */
public final class AlertRaiser {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

  private final AlertStore store;
  private final Supplier<AlertBook> book;
  private final AlertTexts texts;
  private final Clock clock;
  private final ZoneId zone;

  public AlertRaiser(AlertStore store, Supplier<AlertBook> book, AlertTexts texts, Clock clock, ZoneId zone) {
    this.store = store;
    this.book = book;
    this.texts = texts;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * The alert's id for a ticket. SLA warnings carry the deadline (China time, to the minute): a ticket re-opened
   * or re-graded gets new deadlines, and each deserves its own warning; the same deadline is warned about once.
   */
  public String ticketAlertId(AlertKind kind, Ticket t) {
    return switch (kind) {
      case SLA_FIRST -> kind.wireName() + ":" + t.id() + ":" + MINUTE.format(t.firstResponseDueAt().atZone(zone));
      case SLA_RESOLUTION -> kind.wireName() + ":" + t.id() + ":" + MINUTE.format(t.resolutionDueAt().atZone(zone));
      default -> kind.wireName() + ":" + t.id();
    };
  }

  public boolean on(AlertKind kind) {
    return book.get().on(kind);
  }

  public Future<Integer> aboutTicket(AlertKind kind, Ticket t) {
    AlertBook b = book.get();
    if (!b.on(kind)) {
      return Future.succeededFuture(0);
    }
    String content = texts.ticket(kind, b.message(kind), t);
    return raise(b.robotsFor(kind, Optional.of(t.route())), ticketAlertId(kind, t), kind, t.id(), content);
  }

  /** Keyed by the time it died: a dead letter re-queued by an admin that dies again is news again. */
  public Future<Integer> deadLetter(OutboxEntry entry, Optional<Ticket> ticket) {
    AlertBook b = book.get();
    if (!b.on(AlertKind.DEAD_LETTER)) {
      return Future.succeededFuture(0);
    }
    String id = AlertKind.DEAD_LETTER.wireName() + ":" + entry.ticketId() + ":" + entry.attempts() + ":"
        + entry.nextAttemptAt().toEpochMilli();
    return raise(b.robotsFor(AlertKind.DEAD_LETTER, Optional.empty()), id, AlertKind.DEAD_LETTER, "",
        texts.deadLetter(b.message(AlertKind.DEAD_LETTER), entry, ticket));
  }

  public static String digestId(java.time.LocalDate day) {
    return AlertKind.DIGEST.wireName() + ":" + day;
  }

  public Future<Integer> digest(Digest d) {
    AlertBook b = book.get();
    if (!b.on(AlertKind.DIGEST)) {
      return Future.succeededFuture(0);
    }
    return raise(b.robotsFor(AlertKind.DIGEST, Optional.empty()), digestId(d.day()), AlertKind.DIGEST, "",
        texts.digest(b.message(AlertKind.DIGEST), d));
  }

  private Future<Integer> raise(List<String> robots, String alertId, AlertKind kind, String ticketId, String content) {
    Instant now = clock.instant();
    return store.raise(robots.stream().map(r -> AlertDelivery.raised(alertId, kind, ticketId, r, content, now))
        .toList());
  }
}
