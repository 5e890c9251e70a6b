package com.furnishcare.intake.bench;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.report.ReportDataGenerator;
import com.furnishcare.intake.report.ReportFilter;
import com.furnishcare.intake.report.ReportService;
import com.furnishcare.intake.report.ReportStore;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.SurveyBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The reports at a brand's size (issue 16 point 5): for each store and size, fill a fresh store with the
 * generator (tickets, twice as many survey responses), then time the dashboard (a year, a quarter, a month,
 * with and without filters; a ticket written between requests so today's day is read again), report the
 * aggregates' footprint, and the cost of keeping them current per ticket event (commitTurn throughput with and
 * without the figures, same run). Usage: ReportBench store(embedded|redis) tickets [redisUrl]
 */
public final class ReportBench {

  private static final int REQUESTS = 60;
  private static final int EVENTS = 4000;

  private ReportBench() {}

  public static void main(String[] args) throws Exception {
    String backend = args[0];
    int tickets = Integer.parseInt(args[1]);
    String redisUrl = args.length > 2 ? args[2] : "";
    Vertx vertx = Vertx.vertx();
    try {
      run(vertx, backend, tickets, redisUrl);
    } finally {
      removeDirs();
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static final List<Path> DIRS = new ArrayList<>();

  private static Stores open(Vertx vertx, String backend, String redisUrl, StoreSettings settings) throws Exception {
    if (backend.equals("redis")) {
      return await(RedisStores.open(vertx, redisUrl, settings, "bench-" + UUID.randomUUID() + ":"));
    }
    Path dir = Files.createTempDirectory("report-bench");
    DIRS.add(dir);
    return await(EmbeddedStores.open(vertx, dir, settings));
  }

  private static void removeDirs() throws java.io.IOException {
    for (Path dir : DIRS) {
      try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private static void run(Vertx vertx, String backend, int tickets, String redisUrl) throws Exception {
    LocalDate to = LocalDate.now(TicketFigures.CHINA);
    LocalDate from = to.minusDays(364);
    Stores stores = open(vertx, backend, redisUrl, StoreSettings.defaults());
    ReportDataGenerator.Result made = await(new ReportDataGenerator(stores, List.of(), new ReportDataGenerator.Settings(
        tickets, tickets * 2, from, to, 42, 150), Instant.now()).run());
    SurveyBook book = SurveyBookLoader.load(Path.of("dialogs/surveys"));
    ReportService service = new ReportService(vertx, stores.reports(),
        () -> new ReportService.Labels(Map.of(), Map.of()), book::find, new ReportService.LowScores(3, 6));

    ReportFilter year = new ReportFilter(from, to, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    long t0 = System.nanoTime();
    JsonObject first = await(service.dashboard(year));
    double coldMs = (System.nanoTime() - t0) / 1e6;
    List<String> dealers = new ArrayList<>(first.getJsonObject("tickets").getJsonObject("byDealer").fieldNames());
    List<String> regions = new ArrayList<>(first.getJsonObject("tickets").getJsonObject("byRegion").fieldNames());

    Random random = new Random(1);
    ConversationKey conv = new ConversationKey(ChannelName.WEBCHAT, "bench");
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      if (i % 3 == 0) {
        // A new ticket today: the cached day is stale and read again by the next request.
        Ticket t = ticket("BT" + i, Instant.now());
        await(stores.sessions().commitTurn(conv, new Session(Map.of(), Instant.now()), Duration.ofMinutes(1),
            "bench-" + i, RecordedReply.nothing(), List.of(t), List.of()));
      }
      LocalDate start = switch (i % 4) {
        case 0 -> from;
        case 1 -> to.minusDays(89);
        case 2 -> to.minusDays(29);
        default -> from.plusDays(random.nextInt(200));
      };
      ReportFilter f = new ReportFilter(start, to,
          i % 5 == 1 ? Optional.of(dealers.get(random.nextInt(dealers.size()))) : Optional.empty(),
          i % 5 == 2 ? Optional.of(regions.get(random.nextInt(regions.size()))) : Optional.empty(),
          i % 5 == 3 ? Optional.of("colour_difference") : Optional.empty(),
          i % 5 == 4 ? Optional.of("wechat") : Optional.empty());
      long s = System.nanoTime();
      JsonObject board = await(i % 2 == 0 ? service.dashboard(f) : service.summary(f));
      times.add((System.nanoTime() - s) / 1e6);
      if (board.getJsonObject("tickets").getLong("total") < 0) {
        throw new IllegalStateException();
      }
    }
    times.sort(null);
    ReportStore.Footprint footprint = await(stores.reports().footprint());
    System.gc();
    long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    double[] cost = costPerEvent(vertx, backend, redisUrl);
    System.out.printf("RESULT store=%s tickets=%d responses=%d generated_s=%.1f cold_ms=%.0f p50_ms=%.1f p95_ms=%.1f"
            + " max_ms=%.1f cells=%d rows_or_keys=%d agg_bytes=%d cache_cells=%d heap_mb=%d"
            + " commit_with=%.0f/s commit_without=%.0f/s ratio=%.3f%n",
        backend, made.tickets(), made.responses(), made.took().toMillis() / 1000.0, coldMs, pct(times, 0.50),
        pct(times, 0.95), times.get(times.size() - 1), footprint.cells(), footprint.rowsOrKeys(), footprint.bytes(),
        service.cachedCells(), heap >> 20, cost[0], cost[1], cost[0] / cost[1]);
    await(stores.close());
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  /**
   * Ticket events per second through commitTurn, with and without the figures, on fresh stores of the same
   * backend in this run: each commit files a ticket and resolves the one filed eight commits before (committed by then), 8 in flight.
   */
  private static double[] costPerEvent(Vertx vertx, String backend, String redisUrl) throws Exception {
    double[] out = new double[2];
    for (int round = 0; round < 3; round++) { // with, without, with again (the first warms the JIT)
      boolean figures = round != 1;
      Stores s = open(vertx, backend, redisUrl, figures ? StoreSettings.defaults()
          : StoreSettings.defaults().withoutReportFigures());
      Instant base = Instant.now().minus(Duration.ofDays(200));
      List<Ticket> filed = new ArrayList<>();
      long start = System.nanoTime();
      List<Future<Void>> inFlight = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        Ticket t = ticket("CE" + i, base.plus(Duration.ofMinutes(i)));
        List<Ticket> changed = filed.size() > 8
            ? List.of(filed.get(i - 8).withStatus(TicketStatus.RESOLVED, base.plus(Duration.ofMinutes(i + 30))))
            : List.of();
        ConversationKey conv = new ConversationKey(ChannelName.WEBCHAT, "c" + (i % 8));
        inFlight.add(s.sessions().commitTurn(conv, new Session(Map.of(), Instant.now()), Duration.ofMinutes(1),
            "ce-" + i, RecordedReply.nothing(), List.of(t), changed));
        filed.add(t);
        if (inFlight.size() == 8) {
          await(Future.all(new ArrayList<Future<?>>(inFlight)));
          inFlight.clear();
        }
      }
      await(Future.all(new ArrayList<Future<?>>(inFlight)));
      double perSecond = EVENTS * 2 / ((System.nanoTime() - start) / 1e9); // two ticket events per commit
      if (round > 0) {
        out[figures ? 0 : 1] = perSecond;
      }
      await(s.close());
    }
    return out;
  }

  private static Ticket ticket(String id, Instant created) {
    return new Ticket(id, TicketStatus.PENDING, 1, "colour_difference", "王芳", "138" + (id.hashCode() & 0xffff), "BD" + id,
        "", "门板色差", "", List.of(), ChannelName.WECHAT, "u-" + id, created, created.plus(Duration.ofHours(1)),
        created.plus(Duration.ofDays(3)), "", false, "", List.of(), new Route("D0571", "杭州西湖体验店", "华东"), "");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(6, TimeUnit.HOURS);
  }
}
