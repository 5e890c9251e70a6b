package com.furnishcare.intake.report;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyResponseQuery;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.survey.SurveyResults;
import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.SurveyBook;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator makes a realistic mix through the stores' own writes, the aggregates it leaves equal a
 * recount, and the report's CSAT and NPS equal what {@link SurveyResults} computes from the raw responses.
 */
@ExtendWith(VertxExtension.class)
class ReportDataGeneratorTest {

  private static final LocalDate TO = LocalDate.of(2026, 11, 30);
  private static final Instant NOW = TO.plusDays(1).atStartOfDay(TicketFigures.CHINA).toInstant();

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis", "redis-cluster"})
  void aGeneratedYearAddsUpAndLooksLikeTheBusiness(String backend, Vertx vertx) throws Exception {
    // On the cluster this runs the survey import script (job, response, answers and figures in one slot).
    Stores stores = await(switch (backend) {
      case "redis" -> RedisStores.open(vertx, RedisServer.shared().url(), StoreSettings.defaults(),
          "gen-" + UUID.randomUUID() + ":");
      case "redis-cluster" -> RedisStores.open(vertx, com.furnishcare.intake.support.RedisCluster.shared().nodesUrl(),
          StoreSettings.defaults(), "gen-" + UUID.randomUUID() + ":");
      default -> EmbeddedStores.open(vertx, dataDir, StoreSettings.defaults());
    });
    try {
      ReportDataGenerator.Settings settings = new ReportDataGenerator.Settings(3000, 2000, TO.minusDays(364), TO, 5, 40);
      ReportDataGenerator.Result result = await(new ReportDataGenerator(stores,
          List.of(new Route("D0571", "杭州西湖体验店", "华东")), settings, NOW).run());
      assertEquals(3000, result.tickets());
      assertTrue(result.changes() > 150, "a tenth reach their final state by a change: " + result.changes());
      assertEquals(2000, result.responses());

      Map<CellKey, Counters> cells = await(stores.reports().allCells());
      assertEquals(await(ReportRecount.recount(stores.reports())), cells);

      SurveyBook book = SurveyBookLoader.load(Path.of("dialogs/surveys"));
      ReportDataGenerator.SCORED.forEach((survey, questions) -> questions.forEach(q -> assertTrue(
          book.find(survey).flatMap(s -> s.question(q)).map(x -> x.type().scored()).orElse(false),
          survey + "/" + q + " is a scored question of the shipped survey")));

      ReportService service = new ReportService(vertx, stores.reports(), () -> new ReportService.Labels(Map.of(),
          Map.of()), book::find, new ReportService.LowScores(3, 6));
      ReportFilter year = new ReportFilter(settings.from(), settings.to(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty());
      JsonObject board = await(service.dashboard(year));
      JsonObject tickets = board.getJsonObject("tickets");
      assertEquals(3000, tickets.getLong("total"));
      JsonObject byCategory = tickets.getJsonObject("byCategory");
      long topFour = byCategory.getLong("design_error") + byCategory.getLong("size_mismatch")
          + byCategory.getLong("installation") + byCategory.getLong("colour_difference");
      assertTrue(topFour > 0.72 * 3000 && topFour < 0.88 * 3000, "four categories make ~80%: " + byCategory);
      long spring = board.getJsonObject("tickets").getJsonArray("byDay").stream().map(JsonObject.class::cast)
          .filter(d -> d.getString("day").startsWith("2026-04")).mapToLong(d -> d.getLong("total")).sum();
      long february = board.getJsonObject("tickets").getJsonArray("byDay").stream().map(JsonObject.class::cast)
          .filter(d -> d.getString("day").startsWith("2026-02")).mapToLong(d -> d.getLong("total")).sum();
      assertTrue(spring > 1.8 * february, "spring renovation season vs the Spring Festival: " + spring + " / " + february);
      double firstResponse = board.getJsonObject("sla").getDouble("firstResponseOnTime");
      assertTrue(firstResponse > 0.75 && firstResponse < 0.95, "some late: " + firstResponse);
      assertTrue(board.getDouble("recomplaintRate") > 0.01, board.encode());
      assertTrue(board.getDouble("firstContactResolution") > 0.3, board.encode());
      assertTrue(board.getJsonObject("funnel").getLong("followUps") > 30, board.encode());
      assertTrue(tickets.getJsonObject("byDealer").size() > 30, "dealers from the list and generated ones");
      double rate = board.getJsonObject("surveys").getDouble("responseRate");
      assertTrue(rate > 0.6 && rate < 0.8, "about seven in ten answer: " + rate);

      // The figures from the aggregates equal SurveyResults over every stored response.
      List<SurveyResponse> responses = await(stores.surveys().responses(SurveyResponseQuery.all(), 1_000_000));
      assertEquals(2000, responses.size());
      // The report counts a response on the day it started: those begun the night after the last day are out.
      List<SurveyResponse> inRange = responses.stream()
          .filter(r -> !TicketFigures.day(r.startedAt()).isAfter(settings.to())).toList();
      assertTrue(inRange.size() < 2000 && inRange.size() > 1950, "a few start the next day: " + inRange.size());
      assertEquals(inRange.size(), board.getJsonObject("surveys").getLong("answered"));
      SurveyResults.Summary expected = SurveyResults.of(inRange, book::find);
      assertEquals(expected.all().csat().orElseThrow(), board.getDouble("csat"), 1e-9);
      assertEquals(expected.all().nps().orElseThrow(), board.getDouble("nps"), 1e-9);
      expected.bySurvey().forEach((survey, score) -> {
        JsonObject node = board.getJsonObject("surveys").getJsonObject("byNode").getJsonObject(survey);
        assertEquals(score.responses(), node.getLong("responses"), survey);
        assertEquals(score.csat().orElse(null), node.getDouble("csat"), survey);
      });
      assertTrue(board.getJsonObject("surveys").getJsonObject("byInstaller").size() > 40);
      JsonObject summary = await(service.summary(year));
      assertEquals(board.getDouble("csat"), summary.getDouble("csat"));
      assertEquals(3000, summary.getJsonObject("tickets").getLong("total"));
    } finally {
      await(stores.close());
    }
  }
}
