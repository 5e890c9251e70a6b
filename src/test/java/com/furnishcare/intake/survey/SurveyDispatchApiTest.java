package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/surveys/dispatch} and {@code GET /api/surveys/responses} on a running gateway. */
@ExtendWith(VertxExtension.class)
class SurveyDispatchApiTest {

  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Gateway gateway;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx) {
    harness = new GatewayHarness(vertx);
    // No channel configured: jobs end as no_channel, which does not matter here.
    gateway = harness.start(TestConfig.embedded(dataDir));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    harness.close();
  }

  static JsonObject event(String id) {
    return new JsonObject().put("eventId", id).put("survey", "post-installation").put("orderNo", "DD2026120" + id.length())
        .put("phone", "13800138000").put("wechatOpenId", "oAbCdEf-" + id).put("customerName", "王芳")
        .put("dealer", "杭州西湖体验店").put("installer", "李师傅").put("serviceAt", "2026-12-01T15:30:00+08:00");
  }

  private HttpResponse<Buffer> post(Object body, String token) {
    var request = http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
        .putHeader("Content-Type", "application/json");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return await(request.sendBuffer(Buffer.buffer(body instanceof JsonObject o ? o.encode() : body.toString())));
  }

  private JsonObject dispatched(Object body) {
    HttpResponse<Buffer> r = post(body, TestConfig.ADMIN_TOKEN);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject batch(List<JsonObject> events) {
    return new JsonObject().put("events", new JsonArray(List.copyOf(events)));
  }

  @Test
  void withoutTheAdminTokenNothingIsAccepted() {
    assertEquals(401, post(event("e-auth"), null).statusCode());
    assertEquals(401, post(event("e-auth"), "wrong-token-wrong-token").statusCode());
    assertEquals(Optional.empty(), await(gateway.stores().surveys().job("e-auth")));
    assertEquals(401, harness.get(gateway, "/api/surveys/responses", null).statusCode());
  }

  @Test
  void aRetriedDispatchIsAcceptedOnce() {
    assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 0), dispatched(event("e-1")));
    assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), dispatched(event("e-1")));
    JsonObject three = batch(List.of(event("e-1"), event("e-2"), event("e-3")));
    assertEquals(new JsonObject().put("accepted", 2).put("duplicates", 1), dispatched(three));
    assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 3), dispatched(three), "the whole batch retried");
    var job = await(gateway.stores().surveys().job("e-2")).orElseThrow();
    assertEquals("post-installation", job.survey());
    assertEquals(Optional.of("13800138000"), job.phone());
    assertEquals(Optional.of("杭州西湖体验店"), job.dealer());
    assertEquals(Instant.parse("2026-12-01T07:30:00Z"), job.serviceAt());
  }

  @Test
  void aBatchOfTenThousandEventsIsAcceptedInOneCall() {
    JsonArray events = new JsonArray();
    for (int i = 0; i < 10_000; i++) {
      events.add(event("big-" + i).put("phone", String.format("139%08d", i)));
    }
    String body = new JsonObject().put("events", events).encode();
    long started = System.nanoTime();
    JsonObject answer = dispatched(body);
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("survey dispatch: 10,000 events (%,d bytes) accepted in %d ms%n",
        body.getBytes(StandardCharsets.UTF_8).length, millis);
    assertEquals(new JsonObject().put("accepted", 10_000).put("duplicates", 0), answer);
    assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 10_000), dispatched(body));
    events.add(event("one-too-many"));
    HttpResponse<Buffer> tooMany = post(new JsonObject().put("events", events), TestConfig.ADMIN_TOKEN);
    assertEquals(400, tooMany.statusCode(), tooMany.bodyAsString());
    assertTrue(tooMany.bodyAsString().contains("at most 10000"), tooMany.bodyAsString());
  }

  @Test
  void aBadFieldIsNamedWithItsIndexAndNothingOfTheBatchIsTaken() {
    record Case(String field, Consumer<JsonObject> spoil) {}
    List<Case> cases = List.of(
        new Case("eventId", e -> e.remove("eventId")),
        new Case("eventId", e -> e.put("eventId", "has space")),
        new Case("eventId", e -> e.put("eventId", 42)),
        new Case("survey", e -> e.put("survey", "post-dinner")),
        new Case("survey", e -> e.remove("survey")),
        new Case("orderNo", e -> e.put("orderNo", "")),
        new Case("phone", e -> e.put("phone", "1234")),
        new Case("phone", e -> e.put("phone", 13800138000L)),
        new Case("phone", e -> e.remove("phone").toString().length()),
        new Case("wechatOpenId", e -> e.put("wechatOpenId", "o<script>")),
        new Case("customerName", e -> e.put("customerName", "王".repeat(31))),
        new Case("dealer", e -> e.put("dealer", List.of("x"))),
        new Case("installer", e -> e.put("installer", "李\u0000师傅")),
        new Case("serviceAt", e -> e.put("serviceAt", "2026-12-01 15:30")),
        new Case("serviceAt", e -> e.put("serviceAt", "2031-12-01T15:30:00+08:00")),
        new Case("serviceAt", e -> e.remove("serviceAt")));
    for (Case c : cases) {
      JsonObject bad = event("bad");
      c.spoil().accept(bad);
      if (c.field().equals("phone") && !bad.containsKey("phone")) {
        bad.remove("wechatOpenId");
      }
      HttpResponse<Buffer> r = post(batch(List.of(event("ok-0"), event("ok-1"), bad)), TestConfig.ADMIN_TOKEN);
      String what = c.field() + " " + bad.encode() + " answered " + r.statusCode() + ": " + r.bodyAsString();
      assertEquals(400, r.statusCode(), what);
      assertEquals(c.field(), r.bodyAsJsonObject().getString("field"), what);
      assertEquals(2, r.bodyAsJsonObject().getInteger("index"), what);
      assertTrue(r.bodyAsJsonObject().getString("error").startsWith("events[2]." + c.field()), what);
      assertFalse(r.bodyAsString().contains("13800138000"), "no phone number echoed: " + what);
    }
    assertEquals(Optional.empty(), await(gateway.stores().surveys().job("ok-0")), "nothing of a bad batch is taken");
    for (String body : List.of("not json", "[1,2]", "{\"events\": []}", "{\"events\": [1]}")) {
      HttpResponse<Buffer> r = post(body, TestConfig.ADMIN_TOKEN);
      assertEquals(400, r.statusCode(), body + ": " + r.bodyAsString());
    }
    HttpResponse<Buffer> form = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
        .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(event("x").encode())));
    assertEquals(415, form.statusCode());
    assertEquals(new JsonObject().put("accepted", 3).put("duplicates", 0),
        dispatched(batch(List.of(event("ok-0"), event("ok-1"), event("ok-2")))), "the good ones are all still new");
  }

  @Test
  void responsesAreListedAsJsonAndAsCsvForExcel() {
    dispatched(batch(List.of(event("r-1"), event("r-2").put("orderNo", "DD-OTHER").put("survey", "post-repair"))));
    SurveyStore surveys = gateway.stores().surveys();
    Instant at = Instant.parse("2026-12-02T02:00:00Z");
    await(surveys.saveAnswer("r-1", "page", new SurveyAnswer("attitude", Optional.of(2), "", at)));
    await(surveys.saveAnswer("r-1", "page", new SurveyAnswer("comment", Optional.empty(), "=师傅迟到, 说\"马上到\"", at)));
    await(surveys.complete("r-1", at.plusSeconds(30)));
    await(surveys.saveAnswer("r-2", "sms", new SurveyAnswer("attitude", Optional.of(5), "", at.plusSeconds(60))));

    JsonArray all = harness.admin(gateway, "/api/surveys/responses").getJsonArray("items");
    assertEquals(2, all.size(), all.encode());
    JsonObject first = all.getJsonObject(0);
    assertEquals("r-1", first.getString("eventId"));
    assertEquals("杭州西湖体验店", first.getString("dealer"));
    assertEquals(2, first.getJsonArray("answers").getJsonObject(0).getInteger("score"));
    assertEquals("2026-12-02T02:00:30Z", first.getString("completedAt"));
    assertFalse(all.encode().contains("13800138000") || all.encode().contains("王芳"), "no phone or name in results");
    assertEquals(List.of("r-2"), ids(harness.admin(gateway, "/api/surveys/responses?orderNo=DD-OTHER")));
    assertEquals(List.of("r-1"), ids(harness.admin(gateway, "/api/surveys/responses?survey=post-installation")));
    assertEquals(List.of("r-1", "r-2"), ids(harness.admin(gateway, "/api/surveys/responses?from=2026-12-02&to=2026-12-02")),
        "a day in China time, to included");
    assertEquals(List.of(), ids(harness.admin(gateway, "/api/surveys/responses?from=2026-12-03")));
    assertEquals(List.of("r-1"), ids(harness.admin(gateway,
        "/api/surveys/responses?to=2026-12-02T10:00:30%2B08:00")), "a full time, exclusive");
    assertEquals(400, harness.get(gateway, "/api/surveys/responses?from=yesterday", TestConfig.ADMIN_TOKEN).statusCode());
    assertEquals(400, harness.get(gateway, "/api/surveys/responses?format=xls", TestConfig.ADMIN_TOKEN).statusCode());

    HttpResponse<Buffer> csv = harness.get(gateway, "/api/surveys/responses?format=csv", TestConfig.ADMIN_TOKEN);
    assertEquals(200, csv.statusCode());
    assertEquals("text/csv; charset=utf-8", csv.getHeader("Content-Type"));
    byte[] bytes = csv.body().getBytes();
    assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM");
    String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
    assertEquals("eventId,survey,orderNo,dealer,installer,serviceAt,channel,startedAt,completedAt,attitude,comment", lines[0]);
    assertEquals("r-1,post-installation,DD20261203,杭州西湖体验店,李师傅,2026-12-01 15:30:00,page,2026-12-02 10:00:00,"
        + "2026-12-02 10:00:30,2,\"'=师傅迟到, 说\"\"马上到\"\"\"", lines[1], "quoted, a formula defused, China time");
    assertEquals("r-2,post-repair,DD-OTHER,杭州西湖体验店,李师傅,2026-12-01 15:30:00,sms,2026-12-02 10:01:00,,5,", lines[2]);
    assertEquals(3, lines.length);
  }

  private static List<String> ids(JsonObject answer) {
    return answer.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("eventId")).toList();
  }
}
