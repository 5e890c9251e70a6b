package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RequestTracker;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 point 7, the chat path whole: an installation event from the order system, the survey in the
 * WeChat chat, a low score, and the follow-up ticket both in the agents' queue and in a real Request Tracker.
 */
@ExtendWith(VertxExtension.class)
class SurveyFollowUpInRtTest {

  private static RequestTracker rt;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRt() throws Exception {
    if (!RequestTracker.installed()) {
      throw new IllegalStateException("Request Tracker is not installed: run scripts/test-all.sh, which installs it");
    }
    rt = RequestTracker.start();
  }

  @AfterAll
  static void stopRt() throws Exception {
    rt.close();
  }

  @Test
  void anInstallationEventsLowScoreReachesTheQueueAndRequestTracker(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).with("TICKET_SINK", "rt")
          .with("RT_URL", rt.url()).with("RT_USER", "root").with("RT_PASSWORD", "password")
          .with("OUTBOX_RELAY_INTERVAL_MS", "100").with("RT_POLL_INTERVAL_MS", "600000"));
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-survey-rt";
      wechat.post(WeChatClient.textXml(openId, "6600001", "你好"), WeChatClient.Mode.AES);
      var dispatched = await(WebClient.create(vertx).post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
          .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(new JsonObject().put("eventId", "install-rt-1").put("survey", "post-installation")
              .put("orderNo", "DD2026110301").put("wechatOpenId", openId).put("customerName", "王芳")
              .put("dealer", "D0571").put("installer", "李师傅").put("serviceAt", "2026-12-01T15:30:00+08:00").encode())));
      assertEquals(200, dispatched.statusCode(), dispatched.bodyAsString());
      await(gateway.surveyDispatcher().runOnce());
      Await.until("the survey in the chat", () -> harness.api.sentTo(openId).stream()
          .anyMatch(m -> m.content().contains("1-5分")));

      String envelope = wechat.post(WeChatClient.textXml(openId, "6600002", "太差了"), WeChatClient.Mode.AES)
          .bodyAsString();
      String said = wechat.decryptReply(envelope, GatewayHarness.fields(envelope));
      JsonObject ticket = harness.admin(gateway, "/api/tickets?channel=wechat&userId=" + openId).getJsonArray("items")
          .getJsonObject(0);
      String id = ticket.getString("id");
      assertTrue(said.contains(id), said);
      assertEquals("D0571", ticket.getString("dealer"), "the visit's dealer");
      assertEquals("李师傅", ticket.getString("installer"), "the visit's installer");
      assertEquals("service_attitude", ticket.getString("category"), "the question's category");
      assertTrue(await(gateway.stores().agentQueue().get("wechat:" + openId)).isPresent(), "in the agents' queue");
      Await.until("the follow-up ticket in Request Tracker", () -> {
        try {
          return rt.rtIdOf(id).isPresent();
        } catch (Exception e) {
          return false;
        }
      });
      String inRt = rt.plainText(rt.rtIdOf(id).orElseThrow());
      assertTrue(inRt.contains("安装师傅：李师傅") && inRt.contains("经销商：杭州西湖体验店 (D0571)"), inRt);
      wechat.close();
    }
  }
}
