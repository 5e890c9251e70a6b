package com.furnishcare.intake.ticket;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Status changes from the ticketing system reach the homeowner on WeChat; "没解决" re-opens the ticket. */
@ExtendWith(VertxExtension.class)
class TicketStatusTest {

  private static final String TEMPLATE = "TPL-status-0001";
  @TempDir
  Path dataDir;

  private static HttpResponse<Buffer> status(WebClient http, Gateway gateway, String id, JsonObject body, String token) {
    var request = http.post(gateway.port(), "127.0.0.1", "/api/tickets/" + id + "/status");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return await(request.sendJsonObject(body));
  }

  @Test
  void updatesAreToldByCustomerServiceMessageAndNotSolvedReopensOneLevelUp(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
      WeChatClient wechat = harness.wechat(gateway);
      WebClient http = WebClient.create(vertx);
      String id = GatewayHarness.wechatTicket(wechat, "o-status");

      JsonObject progress = new JsonObject().put("status", "in_progress").put("note", "师傅明天上门").put("eventId", "e1");
      HttpResponse<Buffer> answer = status(http, gateway, id, progress, TestConfig.ADMIN_TOKEN);
      assertEquals(200, answer.statusCode(), answer.bodyAsString());
      assertEquals("in_progress", answer.bodyAsJsonObject().getString("status"));
      Await.until("customer told", () -> harness.api.sentTo("o-status").size() == 1);
      String told = harness.api.sentTo("o-status").get(0).content();
      assertTrue(told.contains(id) && told.contains("处理中") && told.contains("师傅明天上门"), told);

      assertEquals(200, status(http, gateway, id, progress, TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(1, harness.api.sentTo("o-status").size(), "the same event is told once");

      status(http, gateway, id, new JsonObject().put("status", "resolved").put("eventId", "e2"), TestConfig.ADMIN_TOKEN);
      Await.until("resolution check asked", () -> harness.api.sentTo("o-status").size() == 2);
      assertTrue(harness.api.sentTo("o-status").get(1).content().contains("解决了吗"));

      String reply = content(wechat.post(WeChatClient.textXml("o-status", "90001", "没解决，门板颜色还是不对")).bodyAsString());
      assertTrue(reply.contains("重新打开"), reply);
      JsonObject ticket = harness.admin(gateway, "/api/tickets/" + id);
      assertEquals("unsatisfied", ticket.getString("status"));
      assertEquals(2, ticket.getInteger("level"));

      assertEquals(404, status(http, gateway, "TK000000-NONE0", progress, TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(400, status(http, gateway, id, new JsonObject().put("status", "lost"), TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(401, status(http, gateway, id, progress, null).statusCode());
      assertEquals(List.of(), harness.api.problems());
      wechat.close();
      http.close();
    }
  }

  @Test
  void outsideTheFortyEightHourWindowATemplateMessageIsSent(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      harness.api.ownsTemplate(TEMPLATE);
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api)
          .with("WECHAT_STATUS_TEMPLATE_ID", TEMPLATE));
      WeChatClient wechat = harness.wechat(gateway);
      WebClient http = WebClient.create(vertx);
      String id = GatewayHarness.wechatTicket(wechat, "o-quiet");
      harness.api.failSendsTo("o-quiet", 45015);
      status(http, gateway, id, new JsonObject().put("status", "in_progress").put("eventId", "t1"), TestConfig.ADMIN_TOKEN);
      Await.until("template sent", () -> harness.api.templates().size() == 1);
      assertEquals("o-quiet", harness.api.templates().get(0).openId());
      assertTrue(harness.api.templates().get(0).content().contains("处理中"));
      assertEquals(List.of(), harness.api.problems());
      wechat.close();
      http.close();
    }
  }
}
