package com.furnishcare.intake.alert;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeWeComRobot;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Alerts through whole gateways: a complaint in the web chat reaching the groups, two gateways on one Redis. */
@ExtendWith(VertxExtension.class)
class AlertGatewayTest {

  static final String HQ = AlertSenderTest.HQ;
  static final String DEALER = AlertSenderTest.DEALER;
  /** A leak is a safety hazard: level 3 (grading.yaml). The order routes to D0571 (dealers.csv). */
  static final String LEAK =
      "橱柜水槽下面漏水了，订单号DD2026110301，电话13800138000，我叫王芳，地址杭州市西湖区文三路100号5幢2单元301室，要求维修";

  @TempDir
  Path dir;
  private GatewayHarness harness;
  private FakeWeComRobot fake;
  private Path alertsFile;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    harness = new GatewayHarness(vertx);
    fake = await(new FakeWeComRobot(Set.of(HQ, DEALER)).start(vertx));
    alertsFile = Files.writeString(dir.resolve("alerts.yaml"),
        AlertsFileTest.shippedWith(AlertsFileTest.robots(HQ, DEALER)));
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
    await(fake.stop());
  }

  private TestConfig config(TestConfig base) {
    return base.with("ALERTS_FILE", alertsFile.toString()).with("WECOM_ROBOT_BASE_URL", fake.baseUrl())
        .with("GATEWAY_PUBLIC_URL", "https://service.brand.example");
  }

  /** The messages a robot accepted that mention {@code text}. */
  private List<String> about(String key, String text) {
    return fake.received(key).stream().map(FakeWeComRobot.Posted::content).filter(c -> c.contains(text)).toList();
  }

  private String fileLeak(Gateway gateway, String conversation) {
    // A leak goes to a person at once: the ticket is filed with the first message, its number in the answer.
    JsonObject answer = harness.chat(gateway, conversation, LEAK);
    return Intake.ticketId(GatewayHarness.allText(answer));
  }

  @Test
  void aLevel3TicketFiledInAConversationReachesTheDealersAndHeadquartersRobotsOnce() {
    Gateway gateway = harness.start(config(TestConfig.embedded(dir.resolve("data"))));
    String ticketId = fileLeak(gateway, "leak");
    Await.until("both groups told", () -> about(DEALER, ticketId).size() == 1 && about(HQ, ticketId).size() == 1);
    String content = about(DEALER, ticketId).get(0);
    assertTrue(content.contains(ticketId) && content.contains("三级紧急工单"), content);
    assertTrue(content.contains("/agent/#c=webchat%3A" + harness.conversationId("leak")), "the console link: " + content);
    assertTrue(!content.contains("13800138000") && !content.contains(Intake.ADDRESS_FRAGMENT), content);
    // Every later sweep and pass finds the alert sent already.
    await(gateway.alerts().sweeps().runOnce());
    await(gateway.alerts().sender().runOnce());
    assertEquals(1, fake.received(DEALER).size(), "the dealer hears of the ticket, nothing else");
    assertEquals(1, about(HQ, ticketId).size());
    // It is past 08:30 somewhere in the day the test runs or not: headquarters has yesterday's digest at most once.
    assertTrue(about(HQ, "昨日客诉日报").size() <= 1);
    assertEquals(fake.received(HQ).size(), 1 + about(HQ, "昨日客诉日报").size(), "and nothing else");
    assertEquals(List.of(), fake.problems());
    assertTrue(fake.refusals().isEmpty(), fake.refusals().toString());
    // Operators read the outcomes on the admin API (the message text and the keys are not in it).
    String listed = harness.admin(gateway, "/api/alerts").encode();
    assertTrue(listed.contains("\"id\":\"level3:" + ticketId + "@dealer:D0571\"") && listed.contains("\"state\":\"sent\""),
        listed);
    assertTrue(!listed.contains(DEALER) && !listed.contains(HQ) && !listed.contains("王"), listed);
    assertEquals(401, harness.get(gateway, "/api/alerts", null).statusCode());
  }

  @Test
  void aLowSurveyAnswerOnTheSurveyPageReachesTheGroupsAsASurveyFollowUp(Vertx vertx) {
    Gateway gateway = harness.start(config(TestConfig.embedded(dir.resolve("data"))));
    java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    // The order routes to D0571, so its group hears of it too.
    com.furnishcare.intake.core.SurveyJob job = new com.furnishcare.intake.core.SurveyJob("2026110399", "post-design",
        "DD2026110399", java.util.Optional.of("13900139000"), java.util.Optional.empty(), java.util.Optional.of("王芳"),
        java.util.Optional.of("D0571"), java.util.Optional.empty(), now.minusSeconds(7200), now, now);
    assertTrue(await(gateway.stores().surveys().accept(job)));
    String code = await(gateway.stores().surveys().issueCode(job.id(), now.plusSeconds(3600)));
    io.vertx.ext.web.client.WebClient http = io.vertx.ext.web.client.WebClient.create(vertx);
    for (JsonObject answer : List.of(new JsonObject().put("questionId", "plan-fit").put("value", "不太符合"),
        new JsonObject().put("questionId", "plan-fit-why").put("value", "还行吧，再看看"))) {
      assertEquals(200, await(http.post(gateway.port(), "127.0.0.1", "/s/" + code + "/answers")
          .putHeader("Content-Type", "application/json").sendBuffer(io.vertx.core.buffer.Buffer.buffer(answer.encode())))
          .statusCode());
    }
    http.close();
    String ticketId = harness.admin(gateway, "/api/tickets?orderNo=DD2026110399").getJsonArray("items").getJsonObject(0)
        .getString("id");
    Await.until("both groups told of the low score",
        () -> about(DEALER, "满意度低分回访").size() == 1 && about(HQ, "满意度低分回访").size() == 1);
    String content = about(DEALER, "满意度低分回访").get(0);
    assertTrue(content.contains(ticketId) && content.contains("王*"), content);
    assertTrue(!content.contains("13900139000") && !content.contains("9000"), "an SMS conversation's key is the phone: "
        + content);
    assertTrue(content.contains("(https://service.brand.example/agent/)"), "so the link opens the queue: " + content);
    assertEquals(1, fake.received(DEALER).size(), "a level-2 follow-up: no level-3 alert beside it");
  }

  @Test
  void twoGatewaysOnOneRedisSendEachAlertOnce() throws Exception {
    RedisServer redis = RedisServer.shared();
    Gateway one = harness.start(config(TestConfig.onStore("redis", dir.resolve("one"), redis)));
    Gateway two = harness.start(config(TestConfig.onStore("redis", dir.resolve("two"), redis)));
    String first = fileLeak(one, "first");
    String second = fileLeak(two, "second");
    // Both processes sweep and send as fast as they can, at the same time, several times over.
    for (int i = 0; i < 5; i++) {
      await(Future.join(List.of(one.alerts().sweeps().runOnce(), two.alerts().sweeps().runOnce(),
          one.alerts().sender().runOnce(), two.alerts().sender().runOnce())));
    }
    Await.until("both alerts at both groups", () -> about(DEALER, first).size() + about(DEALER, second).size() >= 2
        && about(HQ, first).size() + about(HQ, second).size() >= 2);
    await(Future.join(List.of(one.alerts().sender().runOnce(), two.alerts().sender().runOnce())));
    for (String key : List.of(DEALER, HQ)) {
      assertEquals(1, about(key, first).size(), first + " once");
      assertEquals(1, about(key, second).size(), second + " once");
    }
    assertEquals(2, fake.received(DEALER).size(), "nothing else to the dealer");
    int digests = about(HQ, "昨日客诉日报").size();
    assertTrue(digests <= 1, "yesterday's digest (after 08:30 China) once across both processes");
    assertEquals(2 + digests, fake.received(HQ).size(), "nothing else to headquarters");
  }

  @Test
  void aBadAlertsFileStopsTheStartNamingFileAndLine(Vertx vertx) throws Exception {
    Files.writeString(alertsFile, "robots:\n  dealers:\n    D9999: " + FakeWeComRobot.webhookUrl(DEALER) + "\n");
    Throwable failure = Await.failure(Gateway.start(vertx, config(TestConfig.embedded(dir.resolve("data"))).build()));
    assertTrue(failure.getMessage().contains("alerts.yaml:3: dealer 'D9999' is not in the dealers file"),
        failure.getMessage());
    // The real process refuses too, with the configuration exit code.
    Map<String, String> env = new HashMap<>(config(TestConfig.embedded(dir.resolve("proc"))).env());
    IOException exited = assertThrows(IOException.class, () -> GatewayProcess.start(env, dir.resolve("gw.log")));
    assertTrue(exited.getMessage().startsWith("gateway process exited with 2"), exited.getMessage());
    assertTrue(exited.getMessage().contains("alerts.yaml:3:"), exited.getMessage());
  }
}
