package com.furnishcare.intake.alert;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The digest's figures from the tickets filed that day. A ticket's first response is met when it left
 * pending ({@code firstRespondedAt}) by its deadline, missed when it left late or is still pending past the
 * deadline; one still pending within its deadline is not counted yet (as the report's first-response
 * attainment counts responded tickets). A ticket stored before first responses were recorded and no longer
 * pending counts as met.
 */
public final class TicketDigestFigures implements DigestFigures {

  /** More than a day's complaints at any brand this gateway serves; a bigger day is counted partly. */
  static final int DAY_LIMIT = 50_000;
  static final int WORST = 5;

  private final TicketStore tickets;
  private final Clock clock;
  private final ZoneId zone;

  public TicketDigestFigures(TicketStore tickets, Clock clock, ZoneId zone) {
    this.tickets = tickets;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public Future<Digest> forDay(LocalDate day) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    return tickets.createdBetween(from, to, DAY_LIMIT).map(list -> figures(day, list, clock.instant()));
  }

  static Digest figures(LocalDate day, List<Ticket> list, Instant now) {
    Map<Integer, Integer> byLevel = new LinkedHashMap<>(Map.of(1, 0, 2, 0, 3, 0));
    Map<String, int[]> perDealer = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    int met = 0;
    int counted = 0;
    for (Ticket t : list) {
      byLevel.merge(t.level(), 1, Integer::sum);
      names.putIfAbsent(t.route().dealer(), t.route().dealerName());
      int[] counts = perDealer.computeIfAbsent(t.route().dealer(), d -> new int[2]);
      boolean responded = t.firstRespondedAt().isPresent() || t.status() != TicketStatus.PENDING;
      if (!responded && !t.firstResponseDueAt().isBefore(now)) {
        continue;
      }
      // A ticket stored before first responses were recorded left pending at a time nobody knows: met.
      boolean ok = responded && t.firstRespondedAt().map(at -> !at.isAfter(t.firstResponseDueAt())).orElse(true);
      counted++;
      met += ok ? 1 : 0;
      counts[0]++;
      counts[1] += ok ? 1 : 0;
    }
    perDealer.values().removeIf(counts -> counts[0] == 0);
    List<Digest.DealerSla> worst = perDealer.entrySet().stream()
        .map(e -> new Digest.DealerSla(e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
        .sorted(Comparator.comparingDouble(Digest.DealerSla::attainment)
            .thenComparing(Comparator.comparingInt(Digest.DealerSla::counted).reversed())
            .thenComparing(Digest.DealerSla::dealer))
        .limit(WORST).toList();
    return new Digest(day, list.size(), byLevel, counted, met, worst);
  }
}
