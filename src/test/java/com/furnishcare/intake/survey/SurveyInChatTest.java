package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WeChat follower who wrote to us lately gets the survey in the chat itself: the installation event goes
 * out as the intro and first question (customer-service messages); a low score files a follow-up ticket for
 * a person, puts them in the agents' queue and tells them; the answers are stored; 退订 ends surveys for good.
 */
@ExtendWith(VertxExtension.class)
class SurveyInChatTest {

  @TempDir
  Path dataDir;

  @Test
  void aLowScoreInTheChatBecomesAFollowUpInTheQueueAndTdHoldsForever(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).with("SURVEY_RATE_PER_S", "100"));
      WebClient http = WebClient.create(vertx);
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-survey-chat";
      wechat.post(WeChatClient.textXml(openId, "5500001", "你好"), WeChatClient.Mode.AES);

      dispatch(http, gateway, event("install-1", openId));
      await(gateway.surveyDispatcher().runOnce());
      Await.until("the survey's intro and first question in the chat", () -> harness.api.sentTo(openId).stream()
          .anyMatch(m -> m.content().contains("安装师傅的服务态度") && m.content().contains("1-5分")));
      assertEquals("wechat-chat", await(gateway.stores().surveys().outcome("install-1")).orElseThrow().channel()
          .orElseThrow(), "the outcome names the way it went");
      assertTrue(gateway.metrics().scrape().contains(
          "gateway_survey_outcomes_total{channel=\"wechat-chat\",outcome=\"sent\"} 1.0"), "counted in /metrics");

      int before = harness.api.sentTo(openId).size();
      long asked = System.nanoTime();
      String answer = reply(wechat, openId, "5500002", "2分");
      // Issue 15 point 8: the follow-up ticket is filed in the same turn as the low answer.
      System.out.printf("survey low score -> follow-up ticket committed and told: %.1f ms%n",
          (System.nanoTime() - asked) / 1e6);
      JsonArray tickets = harness.admin(gateway, "/api/tickets?channel=wechat&userId=" + openId).getJsonArray("items");
      assertEquals(1, tickets.size(), "a follow-up ticket");
      JsonObject ticket = tickets.getJsonObject(0);
      assertEquals(2, ticket.getInteger("level"));
      assertTrue(ticket.getBoolean("needsAgent"));
      assertEquals("安装师傅的服务态度您满意吗？ 2/5 2分", ticket.getString("description"),
          "the question the score answered, and the reply as written");
      assertTrue(answer.contains(ticket.getString("id")), "told who will call: " + answer);
      assertTrue(answer.contains("师傅哪里做得不到位") || answer.contains("不到位"), "then asked what went wrong: " + answer);
      assertEquals(before, harness.api.sentTo(openId).size(), "answered in the reply itself");
      var queued = await(gateway.stores().agentQueue().get("wechat:" + openId)).orElseThrow();
      assertEquals(java.util.Optional.of(ticket.getString("id")), queued.ticketId(), "waiting for a person");
      assertTrue(queued.firstResponseDue().isBefore(java.time.Instant.now().plusSeconds(3601)), "within the hour");

      JsonObject responses = harness.admin(gateway, "/api/surveys/responses?orderNo=DD2026120901");
      assertTrue(responses.encode().contains("\"attitude\""), responses.encode());

      assertTrue(reply(wechat, openId, "5500003", "TD").contains("不再"), "opted out");
      dispatch(http, gateway, event("repair-2", openId).put("survey", "post-repair"));
      await(gateway.surveyDispatcher().runOnce());
      Thread.sleep(300);
      assertEquals(before + 0, harness.api.sentTo(openId).size(), "no survey after 退订");
      wechat.close();
    }
  }

  @Test
  void aHomeownerWithTheWebChatOpenGetsTheSurveyInThePageAndAnswersThere(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("SURVEY_RATE_PER_S", "100"));
      // The phone's web chat, as an SMS link opens it: the conversation, its secret, the link.
      String id = "surveyWebChat0000000001";
      String secret = "secret-of-the-survey-web-chat-000000000001";
      await(gateway.stores().chats().register(id, com.furnishcare.intake.web.ChatCredentials.hash(secret),
          java.time.Duration.ofHours(1)));
      await(gateway.stores().smsChatLinks().open(new com.furnishcare.intake.core.SmsChatLinks.Link(id, "K7M2QX",
          "13900139000"), java.time.Duration.ofHours(1)));
      try (var page = new com.furnishcare.intake.support.ChatSocketClient(vertx, gateway.port(), null)) {
        page.send(new JsonObject().put("type", "hello").put("conversationId", id).put("conversationSecret", secret)
            .put("after", 0));
        page.next(f -> "welcome".equals(f.getString("type")));
        WebClient http = WebClient.create(vertx);
        dispatch(http, gateway, new JsonObject().put("eventId", "web-1").put("survey", "post-installation")
            .put("orderNo", "DD2026120902").put("phone", "13900139000").put("serviceAt", "2026-12-01T15:30:00+08:00"));
        await(gateway.surveyDispatcher().runOnce());
        page.next(f -> "entry".equals(f.getString("type")) && f.getString("text").contains("安装师傅的服务态度"));
        assertEquals("webchat", await(gateway.stores().surveys().outcome("web-1")).orElseThrow().channel().orElseThrow());
        page.send(new JsonObject().put("type", "send").put("clientId", "a1").put("text", "非常滿意"));
        page.next(f -> "entry".equals(f.getString("type")) && f.getString("text").contains("专业度"));
        assertTrue(harness.admin(gateway, "/api/surveys/responses?orderNo=DD2026120902").encode().contains("\"score\":5"));
        page.send(new JsonObject().put("type", "send").put("clientId", "a2").put("text", "退订"));
        page.next(f -> "entry".equals(f.getString("type")) && f.getString("text").contains("不再"));
        assertTrue(await(gateway.stores().surveys().optedOut("phone:13900139000")), "the phone the survey went to");
      }
    }
  }

  private static JsonObject event(String id, String openId) {
    return new JsonObject().put("eventId", id).put("survey", "post-installation").put("orderNo", "DD2026120901")
        .put("wechatOpenId", openId).put("customerName", "王芳").put("serviceAt", "2026-12-01T15:30:00+08:00")
        .put("phone", "13800138000");
  }

  private static void dispatch(WebClient http, Gateway gateway, JsonObject event) {
    var r = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
        .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(event.encode())));
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  private static String reply(WeChatClient wechat, String openId, String msgId, String text) {
    String envelope = wechat.post(WeChatClient.textXml(openId, msgId, text), WeChatClient.Mode.AES).bodyAsString();
    return wechat.decryptReply(envelope, GatewayHarness.fields(envelope));
  }

}
