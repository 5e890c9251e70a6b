package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.report.CellKey;
import com.furnishcare.intake.report.Counters;
import com.furnishcare.intake.report.ReportFilter;
import com.furnishcare.intake.report.ReportRebuild;
import com.furnishcare.intake.report.ReportRecount;
import com.furnishcare.intake.report.ReportService;
import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.SurveyBook;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import com.furnishcare.intake.report.SurveyFigures;
import com.furnishcare.intake.report.TicketFigures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report aggregates each backend keeps as tickets and surveys change equal a full recount, after a random
 * mix of creations, status changes, reopenings, level and dealer changes, survey sends and (re-)answers —
 * also when commits that change the same tickets race.
 */
@ExtendWith(VertxExtension.class)
abstract class ReportFiguresContract {

  private static final Instant T0 = Instant.parse("2026-01-05T02:00:00Z");
  private static final Duration IDLE = Duration.ofHours(1);
  private static final String[] CATEGORIES = {"design_error", "size_mismatch", "poor_installation", "colour_difference"};
  private static final Route[] DEALERS = {new Route("D0571", "杭州西湖体验店", "华东"),
      new Route("D0010", "北京朝阳店", "华北"), Route.headquarters()};

  private final List<Stores> opened = new ArrayList<>();
  private final AtomicInteger turns = new AtomicInteger();

  protected abstract Future<Stores> open(Vertx vertx, StoreSettings settings);

  /**
   * Deletes every cell, day version and re-complaint fact behind the store's back, leaving tickets and surveys:
   * what a data set written before the reports looks like.
   */
  protected abstract void wipeFigures(Vertx vertx) throws Exception;

  /** Adds a cell (and bumps its day) behind the store's back: a figure no ticket or survey explains. */
  protected abstract void addStrayCell(Vertx vertx, LocalDate day, String dims, String counts) throws Exception;

  private Stores stores(Vertx vertx, StoreSettings settings) {
    Stores s = await(open(vertx, settings));
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(s -> await(s.close()));
  }

  private Future<Void> commit(Stores s, List<Ticket> created, List<Ticket> changed) {
    String key = "m" + turns.incrementAndGet();
    ConversationKey conv = new ConversationKey(ChannelName.WECHAT, "o-" + key);
    return s.sessions().claim(key, conv).compose(c -> s.sessions().commitTurn(conv,
        new Session(Map.of(), T0), IDLE, key, RecordedReply.nothing(), created, changed));
  }

  static Ticket ticket(String id, Instant created, int level, String category, Route dealer, String order,
      String phone, boolean needsAgent, ChannelName channel) {
    return new Ticket(id, TicketStatus.PENDING, level, category, "王芳", phone, order, "", "柜门色差", "", List.of(),
        channel, "u-" + id, created, created.plus(Duration.ofHours(1)), created.plus(Duration.ofHours(24 * level)),
        "", needsAgent, "", List.of(), dealer, "李师傅");
  }

  @Test
  void randomWritesLeaveTheFiguresEqualToARecount(Vertx vertx) {
    Stores s = stores(vertx, StoreContract.SETTINGS);
    Random random = new Random(16);
    Map<String, Ticket> tickets = new LinkedHashMap<>();
    Instant clock = T0;
    for (int i = 0; i < 80; i++) {
      List<Ticket> batch = new ArrayList<>();
      for (int b = random.nextInt(3); b >= 0; b--) {
        clock = clock.plus(Duration.ofHours(1 + random.nextInt(60)));
        Ticket t = ticket(String.format("TK%05d", tickets.size() + batch.size()), clock, 1 + random.nextInt(3),
            CATEGORIES[random.nextInt(CATEGORIES.length)], DEALERS[random.nextInt(DEALERS.length)],
            random.nextInt(4) == 0 ? "" : "DD" + random.nextInt(25), random.nextInt(5) == 0 ? "" : "138" + random.nextInt(30),
            random.nextInt(5) == 0, ChannelName.values()[random.nextInt(3)]);
        batch.add(random.nextInt(8) == 0 ? t.fromSurvey() : t);
      }
      await(commit(s, batch, List.of()));
      batch.forEach(t -> tickets.put(t.id(), t));
    }
    List<String> ids = new ArrayList<>(tickets.keySet());
    for (int i = 0; i < 250; i++) {
      List<Ticket> changed = new ArrayList<>();
      for (int c = random.nextInt(2); c >= 0; c--) {
        Ticket t = tickets.get(ids.get(random.nextInt(ids.size())));
        if (changed.stream().anyMatch(x -> x.id().equals(t.id()))) {
          continue;
        }
        Instant at = t.createdAt().plus(Duration.ofMinutes(random.nextInt(60 * 24 * 6)));
        Ticket next = switch (random.nextInt(6)) {
          case 0 -> t.withStatus(TicketStatus.IN_PROGRESS, at);
          case 1, 2 -> t.withStatus(random.nextBoolean() ? TicketStatus.RESOLVED : TicketStatus.CLOSED, at);
          case 3 -> t.reopened(Math.min(3, t.level() + 1), at.plus(Duration.ofHours(1)), at.plus(Duration.ofDays(2)));
          case 4 -> t.regraded(1 + random.nextInt(3), t.firstResponseDueAt(), t.resolutionDueAt());
          default -> t.attributed(DEALERS[random.nextInt(DEALERS.length)], "张师傅");
        };
        changed.add(next);
      }
      await(commit(s, List.of(), changed));
      changed.forEach(t -> tickets.put(t.id(), t));
    }

    // Surveys: sends (and outcomes that are not sends), answers, answers given again, completions.
    List<SurveyJob> jobs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant due = T0.plus(Duration.ofHours(7 * i));
      jobs.add(new SurveyJob("ev" + i, i % 3 == 0 ? "return-visit" : "post-installation", "DD" + i,
          Optional.of("1380000" + i), Optional.empty(), Optional.empty(),
          Optional.of(DEALERS[i % 2].dealer()), Optional.of(i % 4 == 0 ? "王师傅" : "李师傅"), due, due, due));
    }
    await(s.surveys().acceptAll(jobs));
    for (SurveyJob job : jobs) {
      Instant at = job.dueAt().plusSeconds(30);
      SurveyOutcome outcome = random.nextInt(5) == 0 ? SurveyOutcome.of(SurveyOutcome.Kind.HELD) : SurveyOutcome.sent("sms");
      await(s.surveys().finish(job.id(), outcome, at));
      await(s.surveys().finish(job.id(), SurveyOutcome.sent("wechat"), at.plusSeconds(5))); // first outcome stays
      if (outcome.sent() && random.nextInt(4) != 0) {
        for (int q = 0; q < 3 + random.nextInt(3); q++) {
          String question = List.of("attitude", "professionalism", "timeliness", "recommend").get(random.nextInt(4));
          int score = question.equals("recommend") ? random.nextInt(11) : 1 + random.nextInt(5);
          await(s.surveys().saveAnswer(job.id(), "page",
              new SurveyAnswer(question, Optional.of(score), "", at.plus(Duration.ofHours(20 + q)))));
        }
        await(s.surveys().saveAnswer(job.id(), "page", new SurveyAnswer("note", Optional.empty(), "还行", at.plus(Duration.ofDays(1)))));
        if (random.nextBoolean()) {
          await(s.surveys().complete(job.id(), at.plus(Duration.ofDays(1))));
          assertFalse(await(s.surveys().saveAnswer(job.id(), "page",
              new SurveyAnswer("attitude", Optional.of(1), "", at.plus(Duration.ofDays(2))))));
        }
      }
    }

    Map<CellKey, Counters> stored = await(s.reports().allCells());
    assertEquals(await(ReportRecount.recount(s.reports())), stored);

    // And the recount itself says what the tickets say.
    long created = sum(stored, TicketFigures.CREATED);
    assertEquals(tickets.size(), created);
    long resolved = tickets.values().stream().filter(t -> t.resolvedAt().isPresent()).count();
    assertEquals(resolved, sum(stored, TicketFigures.RESOLVED_ON_TIME) + sum(stored, TicketFigures.RESOLVED_LATE));
    assertEquals(tickets.values().stream().filter(t -> t.reopenCount() > 0).count(), sum(stored, TicketFigures.REOPENED));
    assertEquals(tickets.values().stream().filter(t -> t.level() == 3).count(), stored.entrySet().stream()
        .filter(e -> e.getKey().dims().startsWith("t|") && e.getKey().dims().contains("|3|"))
        .mapToLong(e -> e.getValue().get(TicketFigures.CREATED)).sum());
    assertTrue(sum(stored, TicketFigures.RECOMPLAINT) > 0, "shared orders and phones make re-complaints");
    assertTrue(sum(stored, SurveyFigures.RESPONSES) > 0);
    assertTrue(resolved > 0 && sum(stored, TicketFigures.FIRST_CONTACT_RESOLUTION) > 0);
  }

  private static long sum(Map<CellKey, Counters> cells, String name) {
    return cells.values().stream().mapToLong(c -> c.get(name)).sum();
  }

  @Test
  void racingChangesOfTheSameTicketsStillAddUp(Vertx vertx) {
    Stores s = stores(vertx, StoreContract.SETTINGS);
    List<Ticket> filed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      filed.add(ticket("TKR" + i, T0.plus(Duration.ofHours(i)), 1, "size_mismatch", DEALERS[i % 3], "DD" + i, "139" + i,
          false, ChannelName.SMS));
    }
    await(commit(s, filed, List.of()));
    Random random = new Random(7);
    List<Future<Void>> racing = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Ticket t = filed.get(random.nextInt(filed.size()));
      Ticket next = switch (i % 3) {
        case 0 -> t.withStatus(TicketStatus.RESOLVED, t.createdAt().plus(Duration.ofHours(i)));
        case 1 -> t.regraded(1 + random.nextInt(3), t.firstResponseDueAt(), t.resolutionDueAt());
        default -> t.reopened(3, t.createdAt().plus(Duration.ofHours(2)), t.createdAt().plus(Duration.ofDays(3)));
      };
      racing.add(commit(s, List.of(), List.of(next))); // not awaited: they run together
    }
    await(Future.all(new ArrayList<Future<?>>(racing)));
    Map<CellKey, Counters> stored = await(s.reports().allCells());
    assertEquals(await(ReportRecount.recount(s.reports())), stored);
    assertEquals(6, sum(stored, TicketFigures.CREATED));
  }

  @Test
  void aRepeatOfTheSameOrderOrPhoneWithinNinetyDaysIsARecomplaint(Vertx vertx) {
    Stores s = stores(vertx, StoreContract.SETTINGS);
    Route d = DEALERS[0];
    await(commit(s, List.of(ticket("A", T0, 1, "size_mismatch", d, "DD1", "13811111111", false, ChannelName.WECHAT)), List.of()));
    await(commit(s, List.of(ticket("B", T0.plus(Duration.ofDays(89)), 1, "size_mismatch", d, "DD1", "13822222222",
        false, ChannelName.WECHAT)), List.of()));
    await(commit(s, List.of(ticket("C", T0.plus(Duration.ofDays(200)), 1, "size_mismatch", d, "DD9", "13822222222",
        false, ChannelName.WECHAT)), List.of()));
    await(commit(s, List.of(ticket("D", T0.plus(Duration.ofDays(260)), 1, "size_mismatch", d, "DD1", "",
        false, ChannelName.WECHAT)), List.of()));
    await(commit(s, List.of(ticket("E", T0.plus(Duration.ofDays(261)), 1, "size_mismatch", d, "", "13822222222",
        false, ChannelName.WECHAT)), List.of()));
    Map<String, Boolean> repeats = new HashMap<>();
    await(s.reports().tickets("", 100)).items().forEach(f -> repeats.put(f.ticket().id(), f.recomplaint()));
    assertEquals(Map.of("A", false, "B", true, "C", false, "D", false, "E", true), repeats,
        "B: A's order 89 days on; C: B's phone but 111 days on; D: B's order 171 days on; E: C's phone 61 days on");
  }

  private static final Instant R0 = Instant.parse("2026-03-02T01:00:00Z");
  private static final ReportFilter RANGE = new ReportFilter(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Tickets with shared orders and phones, changes to them, surveys sent and answered. */
  Map<String, Ticket> writeSome(Stores s, long seed) {
    Random random = new Random(seed);
    Map<String, Ticket> tickets = new LinkedHashMap<>();
    Instant clock = R0;
    for (int i = 0; i < 40; i++) {
      List<Ticket> batch = new ArrayList<>();
      for (int b = random.nextInt(3); b >= 0; b--) {
        clock = clock.plus(Duration.ofHours(1 + random.nextInt(40)));
        Ticket t = ticket(String.format("RB%d-%05d", seed, tickets.size() + batch.size()), clock, 1 + random.nextInt(3),
            CATEGORIES[random.nextInt(CATEGORIES.length)], DEALERS[random.nextInt(DEALERS.length)],
            random.nextInt(4) == 0 ? "" : "RD" + random.nextInt(15), random.nextInt(5) == 0 ? "" : "137" + random.nextInt(20),
            random.nextInt(5) == 0, ChannelName.values()[random.nextInt(3)]);
        batch.add(random.nextInt(8) == 0 ? t.fromSurvey() : t);
      }
      await(commit(s, batch, List.of()));
      batch.forEach(t -> tickets.put(t.id(), t));
    }
    List<String> ids = new ArrayList<>(tickets.keySet());
    for (int i = 0; i < 60; i++) {
      Ticket t = tickets.get(ids.get(random.nextInt(ids.size())));
      Instant at = t.createdAt().plus(Duration.ofMinutes(random.nextInt(60 * 24 * 4)));
      Ticket next = switch (random.nextInt(4)) {
        case 0 -> t.withStatus(TicketStatus.IN_PROGRESS, at);
        case 1, 2 -> t.withStatus(TicketStatus.RESOLVED, at);
        default -> t.reopened(Math.min(3, t.level() + 1), at.plus(Duration.ofHours(1)), at.plus(Duration.ofDays(2)));
      };
      await(commit(s, List.of(), List.of(next)));
      tickets.put(next.id(), next);
    }
    List<SurveyJob> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Instant due = R0.plus(Duration.ofHours(9 * i));
      jobs.add(new SurveyJob("rb" + seed + "-" + i, i % 3 == 0 ? "return-visit" : "post-installation", "RD" + i,
          Optional.of("1370000" + i), Optional.empty(), Optional.empty(), Optional.of(DEALERS[i % 2].dealer()),
          Optional.of(i % 4 == 0 ? "王师傅" : "李师傅"), due, due, due));
    }
    await(s.surveys().acceptAll(jobs));
    for (SurveyJob job : jobs) {
      Instant at = job.dueAt().plusSeconds(30);
      await(s.surveys().finish(job.id(), SurveyOutcome.sent("sms"), at));
      if (random.nextInt(4) != 0) {
        await(s.surveys().saveAnswer(job.id(), "page", new SurveyAnswer("recommend", Optional.of(random.nextInt(11)), "",
            at.plus(Duration.ofHours(3)))));
        await(s.surveys().saveAnswer(job.id(), "page", new SurveyAnswer("attitude", Optional.of(1 + random.nextInt(5)), "",
            at.plus(Duration.ofHours(4)))));
      }
    }
    return tickets;
  }

  private static Map<String, Boolean> facts(Stores s) {
    Map<String, Boolean> out = new HashMap<>();
    await(s.reports().tickets("", 10_000)).items().forEach(f -> out.put(f.ticket().id(), f.recomplaint()));
    return out;
  }

  private static ReportService service(Vertx vertx, Stores s) throws Exception {
    SurveyBook book = SurveyBookLoader.load(Path.of("dialogs/surveys"));
    return new ReportService(vertx, s.reports(), () -> new ReportService.Labels(Map.of(), Map.of()), book::find,
        new ReportService.LowScores(3, 6));
  }

  @Test
  void aRebuildWritesBackTheFiguresOfDataWrittenBeforeTheReports(Vertx vertx) throws Exception {
    Stores s = stores(vertx, StoreContract.SETTINGS);
    Map<String, Ticket> tickets = writeSome(s, 31);
    Map<CellKey, Counters> before = await(s.reports().allCells());
    Map<String, Boolean> factsBefore = facts(s);
    JsonObject boardBefore = await(service(vertx, s).dashboard(RANGE));
    assertEquals(tickets.size(), boardBefore.getJsonObject("tickets").getLong("total"));
    assertTrue(boardBefore.getJsonObject("surveys").getLong("sent") > 0);
    long repeats = factsBefore.values().stream().filter(x -> x).count();
    assertTrue(repeats > 0, "shared orders and phones make re-complaints");

    wipeFigures(vertx);
    assertEquals(Map.of(), await(s.reports().allCells()));
    assertEquals(0, facts(s).values().stream().filter(x -> x).count());
    assertEquals(0L, await(service(vertx, s).dashboard(RANGE)).getJsonObject("tickets").getLong("total"));

    ReportRebuild.Result r = await(ReportRebuild.run(vertx, s.reports()));
    Map<CellKey, Counters> after = await(s.reports().allCells());
    assertEquals(before, after);
    assertEquals(await(ReportRecount.recount(s.reports())), after);
    assertEquals(factsBefore, facts(s), "the re-complaints the rebuild decides are those the store decided at filing");
    assertEquals(repeats, r.recomplaintsAdded());
    assertEquals(before.size(), r.cells());
    assertEquals(before.keySet().stream().map(CellKey::day).distinct().count(), r.days());
    assertEquals(boardBefore, await(service(vertx, s).dashboard(RANGE)));
  }

  @Test
  void aRebuildOverIntactFiguresChangesNothingButTheVersions(Vertx vertx) throws Exception {
    Stores s = stores(vertx, StoreContract.SETTINGS);
    writeSome(s, 32);
    Map<CellKey, Counters> before = await(s.reports().allCells());
    Map<String, Boolean> factsBefore = facts(s);
    ReportService cached = service(vertx, s);
    JsonObject boardBefore = await(cached.dashboard(RANGE));
    LocalDate stray = LocalDate.of(2026, 12, 25);
    addStrayCell(vertx, stray, "t|D0571|华东|size_mismatch|1|wechat", "n:5");
    Map<LocalDate, Long> versions = await(s.reports().versions(RANGE.from(), RANGE.to()));
    assertTrue(versions.containsKey(stray));
    assertEquals(5L, await(cached.dashboard(RANGE)).getJsonObject("tickets").getLong("total")
        - boardBefore.getJsonObject("tickets").getLong("total"), "the stray cell is read");

    ReportRebuild.Result r = await(ReportRebuild.run(vertx, s.reports()));
    assertEquals(0, r.recomplaintsAdded());
    assertEquals(before, await(s.reports().allCells()), "the stray cell is gone, the others as they were");
    assertEquals(factsBefore, facts(s));
    assertEquals(versions.size(), r.touchedDays());
    Map<LocalDate, Long> bumped = await(s.reports().versions(RANGE.from(), RANGE.to()));
    assertEquals(versions.keySet(), bumped.keySet());
    versions.forEach((day, v) -> assertTrue(bumped.get(day) > v, day + " bumped"));
    assertEquals(Map.of(), await(s.reports().days(List.of(stray))).get(stray).cells());
    assertEquals(boardBefore, await(cached.dashboard(RANGE)), "the cached service reads the bumped days again");

    ReportRebuild.Result again = await(ReportRebuild.run(vertx, s.reports()));
    assertEquals(before, await(s.reports().allCells()));
    assertEquals(r.cells(), again.cells());
  }

  @Test
  void dataWrittenWithoutFiguresIsRebuiltWithItsRecomplaints(Vertx vertx) throws Exception {
    Stores off = await(open(vertx, StoreContract.SETTINGS.withoutReportFigures()));
    Route d = DEALERS[0];
    Map<String, Ticket> tickets = new HashMap<>();
    try {
      List<Ticket> five = List.of(
          ticket("A", T0, 1, "size_mismatch", d, "DD1", "13811111111", false, ChannelName.WECHAT),
          ticket("B", T0.plus(Duration.ofDays(89)), 1, "size_mismatch", d, "DD1", "13822222222", false, ChannelName.WECHAT),
          ticket("C", T0.plus(Duration.ofDays(200)), 1, "size_mismatch", d, "DD9", "13822222222", false, ChannelName.WECHAT),
          ticket("D", T0.plus(Duration.ofDays(260)), 1, "size_mismatch", d, "DD1", "", false, ChannelName.WECHAT),
          ticket("E", T0.plus(Duration.ofDays(261)), 1, "size_mismatch", d, "", "13822222222", false, ChannelName.WECHAT));
      for (Ticket t : five) {
        await(commit(off, List.of(t), List.of()));
        tickets.put(t.id(), t);
      }
      tickets.putAll(writeSome(off, 33));
    } finally {
      await(off.close());
    }
    Stores s = stores(vertx, StoreContract.SETTINGS);
    assertEquals(Map.of(), await(s.reports().allCells()));
    assertEquals(0, facts(s).values().stream().filter(x -> x).count());

    ReportRebuild.Result r = await(ReportRebuild.run(vertx, s.reports()));
    Map<String, Boolean> facts = facts(s);
    assertEquals(Map.of("A", false, "B", true, "C", false, "D", false, "E", true),
        Map.of("A", facts.get("A"), "B", facts.get("B"), "C", facts.get("C"), "D", facts.get("D"), "E", facts.get("E")));
    Map<CellKey, Counters> cells = await(s.reports().allCells());
    assertEquals(await(ReportRecount.recount(s.reports())), cells);
    assertEquals(tickets.size(), sum(cells, TicketFigures.CREATED));
    assertEquals(facts.values().stream().filter(x -> x).count(), sum(cells, TicketFigures.RECOMPLAINT));
    assertEquals(r.recomplaintsAdded(), sum(cells, TicketFigures.RECOMPLAINT));
    assertTrue(sum(cells, SurveyFigures.RESPONSES) > 0);
    assertEquals(tickets.size(), await(service(vertx, s).dashboard(RANGE)).getJsonObject("tickets").getLong("total"));
  }

  @Test
  void withoutFiguresNothingIsCounted(Vertx vertx) {
    Stores s = stores(vertx, StoreContract.SETTINGS.withoutReportFigures());
    Ticket t = ticket("TKX", T0, 2, "size_mismatch", DEALERS[0], "DD1", "1381", false, ChannelName.WECHAT);
    await(commit(s, List.of(t), List.of()));
    await(commit(s, List.of(), List.of(t.withStatus(TicketStatus.RESOLVED, T0.plusSeconds(60)))));
    assertEquals(Map.of(), await(s.reports().allCells()));
    assertFalse(await(ReportRecount.recount(s.reports())).isEmpty(), "the recount still sees the ticket");
  }
}
