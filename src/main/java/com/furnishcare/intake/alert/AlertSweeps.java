package com.furnishcare.intake.alert;

import com.furnishcare.intake.background.OnePassAtATime;
import com.furnishcare.intake.core.Outbox;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts found by looking rather than told by a turn: deadlines about to pass, dead letters, the daily
 * digest, and level-3 tickets whose alert was not raised with their turn (a store error). Every process
 * sweeps on its own timer; the alert ids make each alert once, whoever finds it first.
 */
public final class AlertSweeps {

  private static final Logger LOG = LoggerFactory.getLogger(AlertSweeps.class);
  /** A level-3 ticket this old without its alert is still worth one; older news is not. */
  static final Duration LEVEL3_LOOKBACK = Duration.ofHours(24);
  /** Open tickets read per status; with Redis the store looks at the newest 2000 tickets. */
  static final int OPEN_LIMIT = 2000;
  static final int DEAD_LIMIT = 200;

  private final Vertx vertx;
  private final TicketStore tickets;
  private final Outbox outbox;
  private final AlertStore store;
  private final AlertRaiser raiser;
  private final Supplier<AlertBook> book;
  private final DigestFigures figures;
  private final Clock clock;
  private final ZoneId zone;
  private final OnePassAtATime passes = new OnePassAtATime();

  public AlertSweeps(Vertx vertx, TicketStore tickets, Outbox outbox, AlertStore store, AlertRaiser raiser,
      Supplier<AlertBook> book, DigestFigures figures, Clock clock, ZoneId zone) {
    this.vertx = vertx;
    this.tickets = tickets;
    this.outbox = outbox;
    this.store = store;
    this.raiser = raiser;
    this.book = book;
    this.figures = figures;
    this.clock = clock;
    this.zone = zone;
  }

  public void start(Duration interval) {
    passes.repeat(vertx, interval, this::runOnce);
  }

  public Future<Void> stop() {
    return passes.stop();
  }

  /** One sweep of every kind; resolves with how many deliveries were newly raised. */
  public Future<Integer> runOnce() {
    return passes.run(() -> {
      if (book.get().robotKeys().isEmpty()) {
        return Future.succeededFuture(0);
      }
      Instant now = clock.instant();
      List<Future<Integer>> parts = List.of(deadlines(now), level3(now), deadLetters(), digest(now));
      return Future.join(parts).transform(done -> {
        int raised = parts.stream().filter(Future::succeeded).mapToInt(Future::result).sum();
        parts.stream().filter(Future::failed).forEach(f -> LOG.warn("alert sweep: {}", f.cause().toString()));
        return Future.succeededFuture(raised);
      });
    });
  }

  /**
   * Open tickets whose deadline is near (see {@link #near}): until {@code lead} after it, so a deadline passed
   * while no gateway ran is still reported, but old history is not.
   */
  Future<Integer> deadlines(Instant now) {
    AlertBook b = book.get();
    if (!b.on(AlertKind.SLA_FIRST) && !b.on(AlertKind.SLA_RESOLUTION)) {
      return Future.succeededFuture(0);
    }
    Duration lead = b.slaWarning();
    List<Future<List<Ticket>>> open = List.of(TicketStatus.PENDING, TicketStatus.IN_PROGRESS, TicketStatus.UNSATISFIED)
        .stream().map(s -> tickets.find(new TicketQuery(Optional.of(s), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty()), OPEN_LIMIT)).toList();
    return Future.all(open).compose(all -> {
      List<Future<Integer>> raised = new ArrayList<>();
      for (Future<List<Ticket>> f : open) {
        for (Ticket t : f.result()) {
          if (t.status() == TicketStatus.PENDING && near(t.createdAt(), t.firstResponseDueAt(), now, lead)) {
            raised.add(raiser.aboutTicket(AlertKind.SLA_FIRST, t));
          }
          if (near(t.createdAt(), t.resolutionDueAt(), now, lead)) {
            raised.add(raiser.aboutTicket(AlertKind.SLA_RESOLUTION, t));
          }
        }
      }
      return sum(raised);
    });
  }

  /**
   * Whether to warn now: from {@code lead} before the deadline — but not before half the ticket's time has
   * gone, or a level-3 ticket (10 minutes to answer) would be "about to pass" the moment it is filed, beside its
   * own level-3 alert — until {@code lead} after it.
   */
  static boolean near(Instant createdAt, Instant deadline, Instant now, Duration lead) {
    if (deadline == null) {
      return false;
    }
    Duration half = createdAt == null || !deadline.isAfter(createdAt) ? Duration.ZERO
        : Duration.between(createdAt, deadline).dividedBy(2);
    Duration warnBefore = lead.compareTo(half) < 0 ? lead : half;
    return !now.isBefore(deadline.minus(warnBefore)) && deadline.isAfter(now.minus(lead));
  }

  /**
   * The safety net under {@link TicketAlerts}: a recent open level-3 ticket, and a recent open survey follow-up,
   * always has its alert (raised again here when raising it with its turn failed; the id makes it once).
   */
  Future<Integer> level3(Instant now) {
    boolean level3 = raiser.on(AlertKind.LEVEL3);
    boolean surveyLow = raiser.on(AlertKind.SURVEY_LOW);
    if (!level3 && !surveyLow) {
      return Future.succeededFuture(0);
    }
    return tickets.createdBetween(now.minus(LEVEL3_LOOKBACK), now.plusSeconds(1), OPEN_LIMIT).compose(list -> {
      List<Future<Integer>> raised = new ArrayList<>();
      for (Ticket t : list) {
        if (!TicketAlerts.open(t)) {
          continue;
        }
        if (level3 && t.level() == 3) {
          raised.add(raiser.aboutTicket(AlertKind.LEVEL3, t));
        }
        if (surveyLow && Ticket.ORIGIN_SURVEY.equals(t.origin())) {
          raised.add(raiser.aboutTicket(AlertKind.SURVEY_LOW, t));
        }
      }
      return sum(raised);
    });
  }

  /**
   * Dead letters are read from the outbox itself rather than told by the relay: one that died while the alert
   * could not be raised (a crash, a store error) is found on the next sweep.
   */
  Future<Integer> deadLetters() {
    if (!raiser.on(AlertKind.DEAD_LETTER)) {
      return Future.succeededFuture(0);
    }
    return outbox.deadLetters(DEAD_LIMIT).compose(dead -> {
      List<Future<Integer>> raised = new ArrayList<>();
      for (OutboxEntry entry : dead) {
        raised.add(tickets.get(entry.ticketId()).compose(t -> raiser.deadLetter(entry, t)));
      }
      return sum(raised);
    });
  }

  /** After the digest time (China), yesterday's digest, unless some process raised it already. */
  Future<Integer> digest(Instant now) {
    AlertBook b = book.get();
    if (!b.on(AlertKind.DIGEST)) {
      return Future.succeededFuture(0);
    }
    ZonedDateTime local = now.atZone(zone);
    if (local.toLocalTime().isBefore(b.digestAt())) {
      return Future.succeededFuture(0);
    }
    LocalDate yesterday = local.toLocalDate().minusDays(1);
    return store.raised(AlertRaiser.digestId(yesterday)).compose(already -> already ? Future.succeededFuture(0)
        : figures.forDay(yesterday).compose(raiser::digest));
  }

  private static Future<Integer> sum(List<Future<Integer>> parts) {
    return Future.all(parts).map(done -> parts.stream().mapToInt(Future::result).sum());
  }
}
