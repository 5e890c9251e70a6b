package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a complaint dispatches its return visit (回访) by itself, once per ticket however often the closure
 * is reported, whichever way the ticket was closed.
 */
@ExtendWith(VertxExtension.class)
class ReturnVisitTest {

  @TempDir
  Path dataDir;

  private static HttpResponse<Buffer> status(WebClient http, Gateway gateway, String id, String status, String eventId) {
    return await(http.post(gateway.port(), "127.0.0.1", "/api/tickets/" + id + "/status")
        .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN)
        .sendJsonObject(new JsonObject().put("status", status).put("eventId", eventId)));
  }

  @Test
  void closingATicketThroughTheAdminApiTwiceQueuesOneReturnVisitThatIsSent(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).with("SURVEY_RATE_PER_S", "100"));
      WebClient http = WebClient.create(vertx);
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-return-visit";
      String id = GatewayHarness.wechatTicket(wechat, openId);
      String eventId = "return-visit:" + id;

      assertEquals(200, status(http, gateway, id, "in_progress", "rt-1").statusCode());
      assertEquals(Optional.empty(), await(gateway.stores().surveys().job(eventId)), "not before it is closed");
      HttpResponse<Buffer> closed = status(http, gateway, id, "closed", "rt-2");
      assertEquals(200, closed.statusCode(), closed.bodyAsString());
      assertEquals(200, status(http, gateway, id, "closed", "rt-2").statusCode(), "the same report again");
      assertEquals(200, status(http, gateway, id, "closed", "rt-3").statusCode(), "closed reported anew");

      SurveyJob job = await(gateway.stores().surveys().job(eventId)).orElseThrow();
      assertEquals("return-visit", job.survey());
      assertEquals("DD2026110301", job.orderNo());
      assertEquals(Optional.of("13800138000"), job.phone());
      assertEquals(Optional.of(openId), job.wechatOpenId(), "the ticket's WeChat user");
      assertEquals(Optional.of("王芳"), job.customerName());
      assertTrue(job.dealer().isPresent(), "the ticket's route dealer");
      assertTrue(Duration.between(job.serviceAt(), Instant.now()).abs().toSeconds() < 60, "serviceAt = closure");

      int before = harness.api.sentTo(openId).size();
      await(gateway.surveyDispatcher().runOnce()); // or the dispatcher's own timer, whichever comes first
      Await.until("the visit's outcome", () -> await(gateway.stores().surveys().outcome(eventId)).isPresent());
      SurveyOutcome outcome = await(gateway.stores().surveys().outcome(eventId)).orElseThrow();
      assertEquals(SurveyOutcome.Kind.SENT, outcome.kind(), outcome.toString());
      Await.until("the return visit's first question in the chat", () -> harness.api.sentTo(openId).stream()
          .skip(before).anyMatch(m -> m.content().contains("处理结果满意吗")));
      assertEquals(200, status(http, gateway, id, "closed", "rt-4").statusCode(), "closed reported after the visit");
      await(gateway.surveyDispatcher().runOnce());
      assertEquals(outcome, await(gateway.stores().surveys().outcome(eventId)).orElseThrow());
      assertEquals(1, harness.api.sentTo(openId).stream().filter(m -> m.content().contains("处理结果满意吗")).count(),
          "asked once");
      assertEquals(List.of(), harness.api.problems());
      wechat.close();
      http.close();
    }
  }

  @Test
  void theHomeownerConfirmingTheResolutionClosesTheTicketAndQueuesTheVisit(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
      WebClient http = WebClient.create(vertx);
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-confirms";
      String id = GatewayHarness.wechatTicket(wechat, openId);

      assertEquals(200, status(http, gateway, id, "resolved", "rt-1").statusCode());
      assertEquals(Optional.empty(), await(gateway.stores().surveys().job("return-visit:" + id)),
          "resolved asks 问题解决了吗 first: no survey on top of it");
      String reply = content(wechat.post(WeChatClient.textXml(openId, "77001", "已解决")).bodyAsString());
      assertTrue(reply.contains("已关闭"), reply);
      assertEquals("closed", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
      assertTrue(await(gateway.stores().surveys().job("return-visit:" + id)).isPresent(), "closed by the homeowner");
      wechat.close();
      http.close();
    }
  }
}
