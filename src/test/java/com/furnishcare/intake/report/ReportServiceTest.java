package com.furnishcare.intake.report;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adding up over cells: definitions, filters, nulls, and a cache that never serves a stale day. */
@ExtendWith(VertxExtension.class)
class ReportServiceTest {

  private static final LocalDate DAY = LocalDate.of(2026, 5, 6);
  private static final Instant NOON = DAY.atTime(12, 0).atZone(TicketFigures.CHINA).toInstant();
  private static final Route HANGZHOU = new Route("D0571", "杭州西湖体验店", "华东");
  private static final Route BEIJING = new Route("D0010", "北京朝阳店", "华北");

  /** Cells in memory, with the versions a store keeps; counts the days it is asked for. */
  private static final class MemoryStore implements ReportStore {
    final Map<LocalDate, Map<String, Counters>> cells = new TreeMap<>();
    final Map<LocalDate, Long> versions = new TreeMap<>();
    final AtomicInteger dayReads = new AtomicInteger();

    void add(ReportDelta delta, boolean bump) {
      delta.cells().forEach((key, c) -> {
        cells.computeIfAbsent(key.day(), d -> new HashMap<>()).computeIfAbsent(key.dims(), d -> new Counters())
            .addAll(c, 1);
        if (bump) {
          versions.merge(key.day(), 1L, Long::sum);
        }
      });
    }

    @Override
    public Future<Map<LocalDate, Long>> versions(LocalDate from, LocalDate to) {
      return Future.succeededFuture(new TreeMap<>(((TreeMap<LocalDate, Long>) versions).subMap(from, true, to, true)));
    }

    @Override
    public Future<Map<LocalDate, Day>> days(List<LocalDate> days) {
      Map<LocalDate, Day> out = new TreeMap<>();
      days.forEach(d -> {
        dayReads.incrementAndGet();
        out.put(d, new Day(versions.getOrDefault(d, 0L), new HashMap<>(cells.getOrDefault(d, Map.of()))));
      });
      return Future.succeededFuture(out);
    }

    @Override
    public Future<Map<CellKey, Counters>> allCells() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Footprint> footprint() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Page<FiledTicket>> tickets(String cursor, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Page<SentSurvey>> sentSurveys(String cursor, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Page<SurveyResponse>> responses(String cursor, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Void> importSurveys(List<ImportedSurvey> surveys) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> recordRecomplaints(Map<String, String> earlierOf) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Rebuilt> replaceCells(java.util.SortedMap<LocalDate, Map<String, Counters>> byDay) {
      throw new UnsupportedOperationException();
    }
  }

  private static Ticket ticket(String id, Route dealer, String category, ChannelName channel, int level) {
    return new Ticket(id, TicketStatus.PENDING, level, category, "王芳", "", "", "", "", "", List.of(), channel, "u",
        NOON, NOON.plus(Duration.ofHours(1)), NOON.plus(Duration.ofHours(48)), "", false, "", List.of(), dealer, "");
  }

  private static ReportFilter day(Optional<String> dealer, Optional<String> region, Optional<String> category,
      Optional<String> channel) {
    return new ReportFilter(DAY.minusDays(1), DAY.plusDays(1), dealer, region, category, channel);
  }

  private static final ReportFilter ALL = day(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  @Test
  void handlingTimesRatesFiltersAndNulls(Vertx vertx) {
    MemoryStore store = new MemoryStore();
    // Ten resolved tickets in Hangzhou: handled in 1..10 hours (first responses in 30 min), the tenth reopened.
    for (int h = 1; h <= 10; h++) {
      Ticket t = ticket("H" + h, HANGZHOU, "colour_difference", ChannelName.WECHAT, 1)
          .withStatus(TicketStatus.IN_PROGRESS, NOON.plus(Duration.ofMinutes(30)))
          .withStatus(TicketStatus.RESOLVED, NOON.plus(Duration.ofHours(h)));
      if (h == 10) {
        t = t.reopened(2, NOON.plus(Duration.ofHours(11)), NOON.plus(Duration.ofHours(12)))
            .withStatus(TicketStatus.RESOLVED, NOON.plus(Duration.ofHours(10)));
      }
      store.add(new ReportDelta().add(TicketFigures.of(t, h == 3), 1), true);
    }
    // Two waiting in Beijing by SMS, one of them escalated at level 3.
    store.add(new ReportDelta().add(TicketFigures.of(ticket("B1", BEIJING, "size_mismatch", ChannelName.SMS, 3), false), 1)
        .add(TicketFigures.of(ticket("B2", BEIJING, "size_mismatch", ChannelName.SMS, 1), false), 1), true);
    ReportService service = new ReportService(vertx, store, () -> new ReportService.Labels(
        Map.of("colour_difference", "色差"), Map.of("D0571", HANGZHOU)), id -> Optional.empty(),
        new ReportService.LowScores(3, 6));

    JsonObject all = await(service.dashboard(ALL));
    JsonObject tickets = all.getJsonObject("tickets");
    assertEquals(12, tickets.getLong("total"));
    assertEquals(new JsonObject().put("1", 10L).put("2", 1L).put("3", 1L), tickets.getJsonObject("byLevel"),
        "the reopened ticket counts at its new level");
    assertEquals(List.of("D0571", "D0010"), List.copyOf(tickets.getJsonObject("byDealer").fieldNames()), "ranked");
    assertEquals(new JsonObject().put("华东", 10L).put("华北", 2L), tickets.getJsonObject("byRegion"));
    assertEquals(3, tickets.getJsonArray("byDay").size());
    assertEquals(12, tickets.getJsonArray("byDay").getJsonObject(1).getLong("total"));
    assertEquals(0, tickets.getJsonArray("byDay").getJsonObject(0).getLong("total"));
    assertEquals(1.0, all.getJsonObject("sla").getDouble("firstResponseOnTime"), "the waiting two are not in it");
    assertEquals(1.0, all.getJsonObject("sla").getDouble("resolutionOnTime"));
    JsonObject handling = all.getJsonObject("handling");
    assertEquals(10, handling.getLong("resolved"));
    assertEquals(5.5, handling.getDouble("averageHours"), 1e-9);
    assertEquals(10.0, handling.getDouble("p90Hours"), 1e-9, "9th of 10 in the (8, 12] h bucket holding two");
    assertEquals(0.9, all.getDouble("firstContactResolution"), 1e-9, "the reopened one is not");
    assertEquals(1.0 / 12, all.getDouble("recomplaintRate"), 1e-9);
    assertEquals(0.0, all.getJsonObject("escalations").getDouble("rate"));
    assertNull(all.getValue("csat"));
    assertNull(all.getValue("nps"));
    assertNull(all.getJsonObject("surveys").getValue("responseRate"));
    assertEquals("D0010", all.getJsonObject("labels").getJsonObject("dealers")
        .getJsonObject("D0010").getString("name"), "a dealer the list does not know is named by its id");
    assertEquals("华北", all.getJsonObject("labels").getJsonObject("dealers").getJsonObject("D0010").getString("region"));
    assertEquals("杭州西湖体验店", all.getJsonObject("labels").getJsonObject("dealers").getJsonObject("D0571")
        .getString("name"));

    JsonObject beijing = await(service.dashboard(day(Optional.of("D0010"), Optional.empty(), Optional.empty(),
        Optional.empty())));
    assertEquals(2, beijing.getJsonObject("tickets").getLong("total"));
    assertNull(beijing.getJsonObject("sla").getValue("firstResponseOnTime"), "nobody responded: no rate");
    assertNull(beijing.getJsonObject("handling").getValue("averageHours"));
    assertNull(beijing.getJsonObject("handling").getValue("p90Hours"));
    assertNull(beijing.getValue("firstContactResolution"));
    assertEquals(10, await(service.summary(day(Optional.empty(), Optional.of("华东"), Optional.empty(),
        Optional.empty()))).getJsonObject("tickets").getLong("total"));
    assertEquals(2, await(service.summary(day(Optional.empty(), Optional.empty(), Optional.of("size_mismatch"),
        Optional.empty()))).getJsonObject("tickets").getLong("total"));
    assertEquals(2, await(service.summary(day(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("sms")))).getJsonObject("tickets").getLong("total"));
    assertEquals(0, await(service.summary(day(Optional.of("D9999"), Optional.empty(), Optional.empty(),
        Optional.empty()))).getJsonObject("tickets").getLong("total"), "an unknown dealer matches nothing");
  }

  @Test
  void aCachedDayIsReadAgainExactlyWhenItsVersionMoves(Vertx vertx) {
    MemoryStore store = new MemoryStore();
    store.add(new ReportDelta().add(TicketFigures.of(ticket("A", HANGZHOU, "other", ChannelName.WECHAT, 1), false), 1),
        true);
    ReportService service = new ReportService(vertx, store, () -> new ReportService.Labels(Map.of(), Map.of()),
        id -> Optional.empty(), new ReportService.LowScores(3, 6));
    assertEquals(1, await(service.summary(ALL)).getJsonObject("tickets").getLong("total"));
    assertEquals(1, store.dayReads.get());
    assertEquals(1, await(service.dashboard(ALL)).getJsonObject("tickets").getLong("total"));
    assertEquals(1, store.dayReads.get(), "unchanged version: the cached day");
    // Cells that change without a version bump are not seen (which is why every write bumps it) ...
    store.add(new ReportDelta().add(TicketFigures.of(ticket("B", HANGZHOU, "other", ChannelName.WECHAT, 1), false), 1),
        false);
    assertEquals(1, await(service.summary(ALL)).getJsonObject("tickets").getLong("total"));
    // ... and with it they are, at once.
    store.add(new ReportDelta().add(TicketFigures.of(ticket("C", HANGZHOU, "other", ChannelName.WECHAT, 1), false), 1),
        true);
    assertEquals(3, await(service.summary(ALL)).getJsonObject("tickets").getLong("total"));
    assertEquals(2, store.dayReads.get());
    }
}
