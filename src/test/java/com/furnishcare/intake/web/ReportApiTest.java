package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.report.ReportRecount;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.support.AgentAccounts;
import com.furnishcare.intake.support.AgentConsoleClient;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RawHttp;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** /api/reports through the whole gateway: a real ticket's figures, who may see what, bad requests. */
@ExtendWith(VertxExtension.class)
class ReportApiTest {

  private static final String PASSWORD = "correct horse battery";
  private static RedisServer redis;

  @TempDir
  Path dataDir;
  @TempDir
  Path configDir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  private TestConfig config(String store) throws Exception {
    Path accounts = new AgentAccounts()
        .add("zhang.wei", "张伟", "supervisor", null, AgentAccounts.argon2id(PASSWORD))
        .add("wang.fang", "王芳", "agent", null, AgentAccounts.argon2id(PASSWORD))
        .add("d0571.li", "李娜", "dealer", "D0571", AgentAccounts.argon2id(PASSWORD))
        .add("d0010.zhao", "赵强", "dealer", "D0010", AgentAccounts.argon2id(PASSWORD))
        .writeTo(configDir.resolve("agents.yaml"));
    return TestConfig.onStore(store, dataDir, redis).with("AGENTS_FILE", accounts.toString());
  }

  private static JsonObject ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void aTicketsLifeShowsInTheFiguresForThoseWhoMaySeeIt(String store, Vertx vertx) throws Exception {
    if (store.equals("redis")) {
      redis.flushAll();
    }
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store));
      String ticketId = harness.webChatTicket(gateway, "homeowner");
      LocalDate today = LocalDate.now(TicketFigures.CHINA);
      String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

      JsonObject fresh = harness.admin(gateway, "/api/reports/summary?" + range);
      assertEquals(1, fresh.getJsonObject("tickets").getLong("total"), fresh.encode());
      assertEquals(1, fresh.getJsonObject("tickets").getJsonObject("byDealer").getLong("D0571"), fresh.encode());
      assertEquals(new JsonObject().put("1", 0L).put("2", 0L).put("3", 0L).put(
          Integer.toString(harness.admin(gateway, "/api/tickets/" + ticketId).getInteger("level")), 1L),
          fresh.getJsonObject("tickets").getJsonObject("byLevel"));
      assertEquals(null, fresh.getJsonObject("sla").getValue("firstResponseOnTime"), "nobody has responded yet");
      assertEquals(null, fresh.getValue("csat"));
      assertEquals(null, fresh.getValue("nps"));

      // The ticketing system moves it on and resolves it: first response and resolution, both in time.
      for (String status : new String[] {"in_progress", "resolved"}) {
        RawHttp.Response r = RawHttp.send(gateway.port(), "POST", "/api/tickets/" + ticketId + "/status",
            "Authorization: Bearer " + TestConfig.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n",
            "{\"status\":\"" + status + "\"}");
        assertTrue(r.status() < 300, r.body());
      }
      Await.until("the resolution is counted", () -> harness.admin(gateway, "/api/reports/dashboard?" + range)
          .getJsonObject("handling").getLong("resolved") == 1);
      JsonObject board = harness.admin(gateway, "/api/reports/dashboard?" + range);
      assertEquals(1.0, board.getJsonObject("sla").getDouble("firstResponseOnTime"), board.encode());
      assertEquals(1.0, board.getJsonObject("sla").getDouble("resolutionOnTime"));
      assertEquals(1.0, board.getDouble("firstContactResolution"));
      assertEquals(0.0, board.getDouble("recomplaintRate"));
      assertTrue(board.getJsonObject("handling").getDouble("p90Hours") < 1.0, board.encode());
      assertEquals(3, board.getJsonObject("tickets").getJsonArray("byDay").size());
      assertEquals("colour_difference", board.getJsonObject("tickets").getJsonObject("byCategory").fieldNames()
          .iterator().next());
      assertTrue(board.getJsonObject("labels").getJsonObject("categories").getString("colour_difference").contains("色差"));
      assertEquals("华东", board.getJsonObject("labels").getJsonObject("dealers").getJsonObject("D0571").getString("region"));
      assertEquals(await(gateway.stores().reports().allCells()), await(ReportRecount.recount(gateway.stores().reports())));

      // Console logins: headquarters and supervisors see everything, dealers only their own dealer.
      AgentConsoleClient supervisor = new AgentConsoleClient(gateway.port());
      supervisor.login("zhang.wei", PASSWORD);
      assertEquals(1, ok(supervisor.get("/api/reports/summary?" + range)).getJsonObject("tickets").getLong("total"));
      assertEquals(0, ok(supervisor.get("/api/reports/summary?" + range + "&dealer=D0010")).getJsonObject("tickets")
          .getLong("total"));
      AgentConsoleClient agent = new AgentConsoleClient(gateway.port());
      agent.login("wang.fang", PASSWORD);
      assertEquals(1, ok(agent.get("/api/reports/dashboard?" + range + "&region=%E5%8D%8E%E4%B8%9C"))
          .getJsonObject("tickets").getLong("total"));
      AgentConsoleClient own = new AgentConsoleClient(gateway.port());
      own.login("d0571.li", PASSWORD);
      assertEquals(1, ok(own.get("/api/reports/summary?" + range)).getJsonObject("tickets").getLong("total"));
      assertEquals(403, own.get("/api/reports/summary?" + range + "&dealer=D0010").statusCode());
      AgentConsoleClient other = new AgentConsoleClient(gateway.port());
      other.login("d0010.zhao", PASSWORD);
      JsonObject theirs = ok(other.get("/api/reports/dashboard?" + range));
      assertEquals(0, theirs.getJsonObject("tickets").getLong("total"), theirs.encode());
      assertEquals("D0010", theirs.getJsonObject("filters").getString("dealer"));
      assertEquals(new JsonObject(), theirs.getJsonObject("tickets").getJsonObject("byDealer"));
      assertEquals(java.util.Set.of("D0010"), theirs.getJsonObject("labels").getJsonObject("dealers").fieldNames(),
          "no other dealer's name reaches dealer staff, not even as a label");
      assertTrue(ok(supervisor.get("/api/reports/dashboard?" + range + "&dealer=D0010")).getJsonObject("labels")
          .getJsonObject("dealers").containsKey("D0571"), "headquarters keeps every dealer's name for its choice");

      // Bad requests: no dates, a malformed date, a range over 400 days, a wrong token.
      for (String query : new String[] {"", "?from=2026-01-01", "?from=2026-13-01&to=2026-12-01",
          "?from=2026-02-01&to=2026-01-01", "?from=2025-01-01&to=2026-02-05"}) {
        HttpResponse<String> bad = supervisor.get("/api/reports/summary" + query);
        assertEquals(400, bad.statusCode(), query + " → " + bad.body());
        assertTrue(bad.body().contains("/"), "Chinese and English: " + bad.body());
      }
      assertEquals(401, RawHttp.send(gateway.port(), "GET", "/api/reports/summary?" + range,
          "Authorization: Bearer wrong\r\n", null).status());
      assertEquals(401, RawHttp.send(gateway.port(), "GET", "/api/reports/summary?" + range, "", null).status());
    }
  }
}
