package com.furnishcare.intake.report;

import com.furnishcare.intake.core.Ticket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes the aggregates of a data set from scratch: the figures of a data set written before the reports
 * existed, or after figures were kept off ({@code StoreSettings.withoutReportFigures()}). First the
 * re-complaint facts the store never decided for old tickets (an earlier ticket of the same order number or
 * phone created within the 90 days before, as the stores decide it when they file a ticket; facts already
 * stored are kept), then {@link ReportRecount#recount}, then {@link ReportStore#replaceCells}.
 *
 * <p>Not safe beside live writes: a ticket or survey written between the recount and the swap is missing
 * from the figures until the next rebuild. Run it with the gateway stopped.
 */
public final class ReportRebuild {

  private ReportRebuild() {}

  public record Result(int recomplaintsAdded, long cells, long days, long touchedDays, Duration took) {}

  public static Future<Result> run(Vertx vertx, ReportStore store) {
    long start = System.nanoTime();
    List<Filed> tickets = new ArrayList<>();
    return ReportRecount.<ReportStore.FiledTicket>pages(store::tickets, "", page -> page.forEach(f -> tickets.add(
            new Filed(f.ticket().id(), f.ticket().orderNo(), f.ticket().phone(), f.ticket().createdAt().toEpochMilli(),
                f.recomplaint()))))
        .compose(v -> vertx.executeBlocking(() -> missingRecomplaints(tickets), false))
        .compose(store::recordRecomplaints)
        .compose(added -> ReportRecount.recount(store)
            .compose(cells -> vertx.executeBlocking(() -> byDay(cells), false))
            .compose(store::replaceCells)
            .map(r -> new Result(added, r.cells(), r.days(), r.touchedDays(),
                Duration.ofNanos(System.nanoTime() - start))));
  }

  /** What a ticket needs to decide re-complaints. */
  record Filed(String id, String orderNo, String phone, long createdAt, boolean recomplaint) {}

  /**
   * For each ticket without a stored fact: the most recent earlier ticket (created before it, at most
   * {@link TicketFigures#RECOMPLAINT_WINDOW} before) of the same order number, else of the same phone.
   */
  static Map<String, String> missingRecomplaints(List<Filed> tickets) {
    Map<String, List<Filed>> byOrder = new HashMap<>();
    Map<String, List<Filed>> byPhone = new HashMap<>();
    for (Filed t : tickets) {
      if (!t.orderNo().isEmpty()) {
        byOrder.computeIfAbsent(t.orderNo(), k -> new ArrayList<>()).add(t);
      }
      if (!t.phone().isEmpty()) {
        byPhone.computeIfAbsent(t.phone(), k -> new ArrayList<>()).add(t);
      }
    }
    Comparator<Filed> byCreated = Comparator.comparingLong(Filed::createdAt);
    byOrder.values().forEach(l -> l.sort(byCreated));
    byPhone.values().forEach(l -> l.sort(byCreated));
    long window = TicketFigures.RECOMPLAINT_WINDOW.toMillis();
    Map<String, String> out = new HashMap<>();
    for (Filed t : tickets) {
      if (t.recomplaint()) {
        continue;
      }
      String earlier = t.orderNo().isEmpty() ? null : earlier(byOrder.get(t.orderNo()), t, window);
      if (earlier == null && !t.phone().isEmpty()) {
        earlier = earlier(byPhone.get(t.phone()), t, window);
      }
      if (earlier != null) {
        out.put(t.id(), earlier);
      }
    }
    return out;
  }

  /** The latest of {@code sorted} created in [t − window, t) (the same bounds as the stores' queries). */
  private static String earlier(List<Filed> sorted, Filed t, long window) {
    int lo = 0;
    int hi = sorted.size(); // first index with createdAt >= t.createdAt
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).createdAt() < t.createdAt()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == 0) {
      return null;
    }
    Filed before = sorted.get(lo - 1);
    return before.createdAt() >= t.createdAt() - window ? before.id() : null;
  }

  static SortedMap<LocalDate, Map<String, Counters>> byDay(Map<CellKey, Counters> cells) {
    SortedMap<LocalDate, Map<String, Counters>> out = new TreeMap<>();
    cells.forEach((key, counts) -> {
      if (!counts.isEmpty()) {
        out.computeIfAbsent(key.day(), d -> new HashMap<>()).put(key.dims(), counts);
      }
    });
    return out;
  }
}
