package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/surveys/summary}: CSAT (share of 1–5 answers that are 4 or 5) and NPS (% of 9–10 minus % of
 * 0–6 among the 0–10 answers) over a known set of responses, in all, per survey, per dealer and per period.
 */
@ExtendWith(VertxExtension.class)
class SurveySummaryTest {

  @TempDir
  Path dataDir;

  private static final Instant JUNE = Instant.parse("2026-06-10T02:00:00Z");

  /** One response: {@code answers} as questionId=score (or questionId=text). */
  private static void respond(SurveyStore store, String id, String survey, String dealer, Instant at, String... answers) {
    SurveyJob job = new SurveyJob(id, survey, "DD-" + id, Optional.of("13800138000"), Optional.empty(),
        Optional.empty(), Optional.of(dealer), Optional.empty(), at, at, at);
    assertTrue(await(store.accept(job)));
    for (String a : answers) {
      String[] qv = a.split("=", 2);
      Optional<Integer> score = qv[1].matches("\\d+") ? Optional.of(Integer.parseInt(qv[1])) : Optional.empty();
      assertTrue(await(store.saveAnswer(id, "page", new SurveyAnswer(qv[0], score, score.isPresent() ? "" : qv[1], at))));
    }
  }

  @Test
  void csatAndNpsAreComputedTheStandardWay(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      SurveyStore store = gateway.stores().surveys();
      // Installation at dealer A: scale 5 4 3 | 2 5 4 | 4 → 5 of 7 are 4-5; NPS 10 (promoter), 6 (detractor), 8 (passive).
      respond(store, "r1", "post-installation", "A", JUNE, "attitude=5", "professionalism=4", "timeliness=3",
          "timeliness-why=等太久", "recommend=10");
      respond(store, "r2", "post-installation", "A", JUNE, "attitude=2", "professionalism=5", "timeliness=4",
          "recommend=6");
      respond(store, "r3", "post-installation", "A", JUNE, "attitude=4", "recommend=8"); // partial: still counts
      // Repair at dealer B: yes/no has no score; scale 1 5 | 4 → 2 of 3; NPS 9 (promoter), 7 (passive).
      respond(store, "r4", "post-repair", "B", JUNE, "fixed=yes", "speed=1", "attitude=5", "recommend=9");
      respond(store, "r5", "post-repair", "B", JUNE, "speed=4", "recommend=7", "comments=还行");
      // A return visit with words only, and one in January.
      respond(store, "r6", "return-visit", "B", JUNE, "comments=无");
      respond(store, "r7", "return-visit", "B", Instant.parse("2026-01-05T02:00:00Z"), "result=1", "recommend=0");

      JsonObject june = harness.admin(gateway, "/api/surveys/summary?from=2026-06-01&to=2026-06-30");
      assertEquals(6, june.getInteger("responses"));
      assertEquals(0.7, june.getDouble("csat"), "7 of 10 scale answers are 4 or 5");
      assertEquals(20.0, june.getDouble("nps"), "2 promoters, 1 detractor of 5: 40% - 20%");
      assertEquals(10, june.getInteger("scaleAnswers"));
      assertEquals(5, june.getInteger("npsAnswers"));
      JsonObject install = june.getJsonObject("bySurvey").getJsonObject("post-installation");
      assertEquals(3, install.getInteger("responses"));
      assertEquals(0.7143, install.getDouble("csat"), "5/7");
      assertEquals(0.0, install.getDouble("nps"), "1 promoter, 1 detractor, 1 passive");
      JsonObject repair = june.getJsonObject("bySurvey").getJsonObject("post-repair");
      assertEquals(0.6667, repair.getDouble("csat"), "2/3");
      assertEquals(50.0, repair.getDouble("nps"), "1 promoter, 1 passive");
      JsonObject visit = june.getJsonObject("bySurvey").getJsonObject("return-visit");
      assertEquals(1, visit.getInteger("responses"));
      assertNull(visit.getValue("csat"), "no scale answer: no figure, not 0");
      assertNull(visit.getValue("nps"));

      JsonObject all = harness.admin(gateway, "/api/surveys/summary");
      assertEquals(7, all.getInteger("responses"));
      assertEquals(7.0 / 11, all.getDouble("csat"), 0.0001, "January's 1 added");
      assertEquals(0.0, all.getDouble("nps"), "2 promoters, 2 detractors of 6");

      JsonObject dealerA = harness.admin(gateway, "/api/surveys/summary?dealer=A");
      assertEquals(3, dealerA.getInteger("responses"));
      assertEquals(0.7143, dealerA.getDouble("csat"));
      assertEquals(1, dealerA.getJsonObject("bySurvey").size());

      JsonObject repairOnly = harness.admin(gateway, "/api/surveys/summary?survey=post-repair");
      assertEquals(2, repairOnly.getInteger("responses"));
      assertEquals(50.0, repairOnly.getDouble("nps"));

      JsonObject none = harness.admin(gateway, "/api/surveys/summary?from=2027-01-01");
      assertEquals(0, none.getInteger("responses"));
      assertNull(none.getValue("csat"));
      assertNull(none.getValue("nps"));
      assertEquals(0, none.getJsonObject("bySurvey").size());

      assertEquals(400, harness.get(gateway, "/api/surveys/summary?from=June", TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(401, harness.get(gateway, "/api/surveys/summary", null).statusCode());
    }
  }
}
