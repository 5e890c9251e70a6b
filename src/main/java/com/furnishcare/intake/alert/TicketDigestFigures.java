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
 * The digest's figures from the tickets filed that day. The store keeps no first-response time, so a
 * ticket counts as having missed its first response when it is still pending after its deadline; one
 * taken up (any other status) counts as met, even if late. The report aggregates will do better.
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
    for (Ticket t : list) {
      byLevel.merge(t.level(), 1, Integer::sum);
      boolean ok = !(t.status() == TicketStatus.PENDING && t.firstResponseDueAt().isBefore(now));
      met += ok ? 1 : 0;
      int[] counts = perDealer.computeIfAbsent(t.route().dealer(), d -> new int[2]);
      counts[0]++;
      counts[1] += ok ? 1 : 0;
      names.putIfAbsent(t.route().dealer(), t.route().dealerName());
    }
    List<Digest.DealerSla> worst = perDealer.entrySet().stream()
        .map(e -> new Digest.DealerSla(e.getKey(), names.get(e.getKey()), e.getValue()[0], e.getValue()[1]))
        .sorted(Comparator.comparingDouble(Digest.DealerSla::attainment)
            .thenComparing(Comparator.comparingInt(Digest.DealerSla::counted).reversed())
            .thenComparing(Digest.DealerSla::dealer))
        .limit(WORST).toList();
    return new Digest(day, list.size(), byLevel, list.size(), met, worst);
  }
}
