package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-event batch through the running gateway to the fakes: half WeChat followers (template message),
 * half phone only (SMS). Prints surveys/s; asserts only that each went out exactly once.
 */
@ExtendWith(VertxExtension.class)
class SurveyThroughputTest {

  @TempDir
  Path dataDir;

  @Test
  void tenThousandEventsGoOutOnceEach(Vertx vertx) throws Exception {
    FakeTencentSms sms = await(new FakeTencentSms("AKIDsurveytest", "survey-secret-key", "1400000001", "家居服务")
        .approve(SurveyDispatcherTest.SMS_TEMPLATE, 1).start(vertx));
    WebClient http = WebClient.create(vertx);
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      harness.api.ownsTemplate(SurveyDispatcherTest.TEMPLATE);
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).sms(sms)
          .with("SMS_STATUS_TEMPLATE_ID", "100").with("GATEWAY_PUBLIC_URL", SurveyDispatcherTest.PUBLIC_URL)
          .with("SURVEY_WECHAT_TEMPLATE_ID", SurveyDispatcherTest.TEMPLATE)
          .with("SURVEY_SMS_TEMPLATE_ID", SurveyDispatcherTest.SMS_TEMPLATE).with("SURVEY_RATE_PER_S", "10000"));
      JsonArray events = new JsonArray();
      for (int i = 0; i < 10_000; i++) {
        JsonObject e = SurveyDispatchApiTest.event("tp-" + i).put("phone", String.format("139%08d", i));
        if (i % 2 == 0) {
          e.remove("wechatOpenId");
        }
        events.add(e);
      }
      String body = new JsonObject().put("events", events).encode();
      long start = System.nanoTime();
      HttpResponse<Buffer> r = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
          .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(body)));
      assertEquals(200, r.statusCode(), r.bodyAsString());
      long accepted = System.nanoTime();
      long deadline = start + TimeUnit.MINUTES.toNanos(5);
      while (harness.api.templateMessages().size() + sms.sent().size() < 10_000 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long done = System.nanoTime();
      int sent = harness.api.templateMessages().size() + sms.sent().size();
      double seconds = (done - accepted) / 1e9;
      System.out.printf("survey throughput: %,d surveys (%,d WeChat template, %,d SMS) sent in %.1f s after the batch was"
          + " accepted (%d ms): %.0f surveys/s%n", sent, harness.api.templateMessages().size(), sms.sent().size(), seconds,
          (accepted - start) / 1_000_000, sent / seconds);
      assertEquals(5_000, harness.api.templateMessages().size());
      assertEquals(5_000, sms.sent().size());
      // The order system retries the whole batch: nothing goes out twice.
      HttpResponse<Buffer> again = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
          .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(body)));
      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 10_000), again.bodyAsJsonObject());
      await(gateway.surveyDispatcher().runOnce());
      Thread.sleep(1500);
      assertEquals(10_000, harness.api.templateMessages().size() + sms.sent().size());
      assertEquals(List.of(), harness.api.problems());
      assertEquals(List.of(), sms.problems());
    } finally {
      http.close();
      await(sms.stop());
    }
  }
}
