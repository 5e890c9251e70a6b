package com.furnishcare.intake.report;

import com.furnishcare.intake.core.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What one ticket, in its current state, adds to the aggregates: a pure function of the ticket and of the
 * store's fact whether it repeats an earlier complaint. The stores subtract the contribution of the state
 * they replace and add the new one in the same transaction (or script) that writes the ticket; the recount
 * sums it over every ticket. Counted in the cell of the day the ticket was created (China time), its dealer
 * and region, category, level and channel — a cohort view: the figures of a date range are those of the
 * tickets created in it, in their state now.
 *
 * <p>Definitions (the README repeats them):
 * <ul>
 *   <li><b>first response</b>: the ticket's first move out of pending (to in progress, resolved or closed),
 *       {@link Ticket#firstRespondedAt}; on time when at or before {@link Ticket#firstResponseDueAt}.
 *   <li><b>resolution</b>: when it last became resolved or closed, {@link Ticket#resolvedAt}; on time when at
 *       or before {@link Ticket#resolutionDueAt} (a reopened ticket has the new deadlines its reopening set).
 *   <li><b>handling time</b>: created → resolved, calendar hours, for resolved (or closed) tickets; kept as a
 *       sum (for the average) and a histogram (for the p90).
 *   <li><b>first-contact resolution</b>: resolved, never reopened, never handed to a person (needsAgent).
 *   <li><b>re-complaint</b>: an earlier ticket of the same order number or phone was created within the 90
 *       days before this one (the store looks it up in its indexes when it files the ticket).
 *   <li><b>escalation</b>: the ticket was handed to a person (needsAgent: asked for a person, threatened
 *       escalation, or filed by an agent or from a low survey score).
 * </ul>
 */
public final class TicketFigures {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  public static final Duration RECOMPLAINT_WINDOW = Duration.ofDays(90);

  public static final String CREATED = "n";
  public static final String FIRST_RESPONSE_ON_TIME = "fo";
  public static final String FIRST_RESPONSE_LATE = "fl";
  public static final String FIRST_RESPONSE_WAITING = "fw";
  public static final String RESOLVED_ON_TIME = "ro";
  public static final String RESOLVED_LATE = "rl";
  public static final String HANDLING_MINUTES = "hm";
  public static final String REOPENED = "re";
  public static final String FIRST_CONTACT_RESOLUTION = "fcr";
  public static final String RECOMPLAINT = "rc";
  public static final String ESCALATED = "esc";
  public static final String FOLLOW_UP = "fu";
  public static final String FOLLOW_UP_RESOLVED = "fur";
  /** Handling-time histogram: bucket i holds times in (BOUNDS[i-1], BOUNDS[i]] hours; the last is open. */
  public static final int[] HOUR_BOUNDS = {1, 2, 4, 8, 12, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720};

  private TicketFigures() {}

  public static String bucket(int i) {
    return "h" + i;
  }

  public static int bucketOf(long minutes) {
    for (int i = 0; i < HOUR_BOUNDS.length; i++) {
      if (minutes <= HOUR_BOUNDS[i] * 60L) {
        return i;
      }
    }
    return HOUR_BOUNDS.length;
  }

  public static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, CHINA);
  }

  public static CellKey cell(Ticket t) {
    return new CellKey(day(t.createdAt()), String.join("|", "t", CellKey.part(t.route().dealer()),
        CellKey.part(t.route().region()), CellKey.part(t.category()), Integer.toString(t.level()),
        t.channel().wireName()));
  }

  public static ReportDelta.Contribution of(Ticket t, boolean recomplaint) {
    Counters c = new Counters().add(CREATED, 1);
    Optional<Instant> responded = t.firstRespondedAt();
    if (responded.isEmpty()) {
      c.add(FIRST_RESPONSE_WAITING, 1);
    } else {
      c.add(responded.get().isAfter(t.firstResponseDueAt()) ? FIRST_RESPONSE_LATE : FIRST_RESPONSE_ON_TIME, 1);
    }
    if (t.resolvedAt().isPresent()) {
      Instant resolved = t.resolvedAt().get();
      c.add(resolved.isAfter(t.resolutionDueAt()) ? RESOLVED_LATE : RESOLVED_ON_TIME, 1);
      long minutes = Math.max(0, Duration.between(t.createdAt(), resolved).toMinutes());
      c.add(HANDLING_MINUTES, minutes);
      c.add(bucket(bucketOf(minutes)), 1);
      if (t.reopenCount() == 0 && !t.needsAgent()) {
        c.add(FIRST_CONTACT_RESOLUTION, 1);
      }
    }
    c.add(REOPENED, t.reopenCount() > 0 ? 1 : 0);
    c.add(RECOMPLAINT, recomplaint ? 1 : 0);
    c.add(ESCALATED, t.needsAgent() ? 1 : 0);
    if (Ticket.ORIGIN_SURVEY.equals(t.origin())) {
      c.add(FOLLOW_UP, 1);
      c.add(FOLLOW_UP_RESOLVED, t.resolvedAt().isPresent() ? 1 : 0);
    }
    return new ReportDelta.Contribution(cell(t), c);
  }

  /** The change from {@code before} (absent for a new ticket) to {@code after}. */
  public static ReportDelta change(Optional<Ticket> before, Ticket after, boolean recomplaint) {
    ReportDelta delta = new ReportDelta();
    before.ifPresent(b -> delta.add(of(b, recomplaint), -1));
    return delta.add(of(after, recomplaint), 1);
  }
}
