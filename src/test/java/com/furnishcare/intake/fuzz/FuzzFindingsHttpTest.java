package com.furnishcare.intake.fuzz;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the HTTP target of GatewayFuzzTest found, as plain requests: each answered 5xx before its fix. */
@ExtendWith(VertxExtension.class)
class FuzzFindingsHttpTest {

  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Gateway gateway;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx) {
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    harness.close();
  }

  private HttpResponse<Buffer> admin(String uri) {
    return await(http.get(gateway.port(), "127.0.0.1", uri).putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN)
        .send());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A time no store can keep as epoch milliseconds was a 503 "store unavailable"; it is a 400 naming the field. */
  @Test
  void surveyQueriesBeyondTheStoresTimesAreRefused() {
    for (String path : new String[] {"/api/surveys/responses", "/api/surveys/summary"}) {
      HttpResponse<Buffer> to = admin(path + "?dealer=2026-11-20&to=" + q("+999999999-12-31T23:59:59+18:00"));
      assertEquals(400, to.statusCode(), to.bodyAsString());
      assertEquals(true, to.bodyAsString().contains("to must be"), to.bodyAsString());
      HttpResponse<Buffer> from = admin(path + "?from=" + q("-999999999-01-01T00:00:00Z"));
      assertEquals(400, from.statusCode(), from.bodyAsString());
      assertEquals(200, admin(path + "?from=2026-11-01&to=" + q("2026-11-30T00:00:00+08:00")).statusCode());
    }
  }

  /** A service time before anything a store can keep failed the whole dispatch with a 503 (and retries forever). */
  @Test
  void aServiceTimeNoStoreCanKeepIsAFieldError() {
    JsonObject event = new JsonObject().put("eventId", "ev-old").put("survey", "post-installation")
        .put("orderNo", "DD1").put("phone", "13800138000").put("serviceAt", "-999999999-01-01T00:00:00-18:00");
    HttpResponse<Buffer> r = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
        .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("events", new io.vertx.core.json.JsonArray().add(event)).encode())));
    assertEquals(400, r.statusCode(), r.bodyAsString());
    JsonObject error = r.bodyAsJsonObject();
    assertEquals("serviceAt", error.getString("field"));
    assertEquals(0, error.getInteger("index"));
  }

  /**
   * A signed callback whose timestamp lies 2^63 seconds before now: the window check overflowed
   * ({@code Math.abs(Long.MIN_VALUE)} is negative, so "within the window") and the replay guard then failed
   * on an Instant no clock holds, a 500. It is a stale timestamp like any other.
   */
  @Test
  void aTimestampThatOverflowsTheWindowIsStale() {
    var wechat = harness.wechat(gateway);
    long now = System.currentTimeMillis() / 1000;
    // The request may arrive in the next second or two: every one of them must be refused.
    for (long timestamp : new long[] {now + Long.MIN_VALUE, now + 1 + Long.MIN_VALUE, now + 2 + Long.MIN_VALUE,
        Long.MIN_VALUE, Long.MAX_VALUE}) {
      HttpResponse<Buffer> r = wechat.post(com.furnishcare.intake.support.WeChatClient.textXml("o-stale", "1" + timestamp,
          "你好"), com.furnishcare.intake.support.WeChatClient.Mode.PLAIN, Long.toString(timestamp));
      assertEquals(403, r.statusCode(), timestamp + ": " + r.bodyAsString());
      assertEquals("timestamp outside the accepted window", r.bodyAsString());
    }
  }
}
