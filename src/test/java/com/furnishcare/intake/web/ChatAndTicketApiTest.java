package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The intake end to end through the chat API and through /wechat, and the admin ticket API, on both stores. */
@ExtendWith(VertxExtension.class)
class ChatAndTicketApiTest {

  private static RedisServer redis;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
    redis.flushAll();
  }

  private static final String[] INTAKE = {
      "衣柜门板色差很明显，订单号DD2026110301，电话13800138000",
      "我叫王芳",
      "杭州市西湖区文三路100号5幢2单元301室",
      "要求更换",
      "确认"};

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void chatIntakeFilesATicketTheAdminApiShows(String store, Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.onStore(store, dataDir, redis));
      String conversation = "web-" + store;
      JsonObject last = null;
      for (String text : INTAKE) {
        last = harness.chat(gateway, conversation, text);
      }
      String done = GatewayHarness.lastText(last);
      assertTrue(done.contains("工单号"), done);

      JsonArray mine = harness.admin(gateway, "/api/tickets?channel=webchat&userId=" + harness.conversationId(conversation))
          .getJsonArray("items");
      assertEquals(1, mine.size());
      JsonObject ticket = mine.getJsonObject(0);
      String id = ticket.getString("id");
      assertTrue(done.contains(id), done);
      assertEquals("colour_difference", ticket.getString("category"));
      assertEquals("pending", ticket.getString("status"));
      assertEquals(1, ticket.getInteger("level"));
      assertEquals("王芳", ticket.getString("customerName"));
      assertEquals("webchat", ticket.getString("channel"));
      for (String field : List.of("createdAt", "firstResponseDueAt", "resolutionDueAt", "transcript", "address",
          "description", "wants", "attachments", "phone", "orderNo")) {
        assertTrue(ticket.containsKey(field), field);
      }
      assertEquals(id, harness.admin(gateway, "/api/tickets/" + id).getString("id"));
      assertEquals(1, harness.admin(gateway, "/api/tickets?orderNo=DD2026110301").getJsonArray("items").size());
      assertEquals(1, harness.admin(gateway, "/api/tickets?status=pending&orderNo=DD2026110301").getJsonArray("items").size());
      assertEquals(0, harness.admin(gateway, "/api/tickets?status=closed&orderNo=DD2026110301").getJsonArray("items").size());
      assertEquals(404, harness.get(gateway, "/api/tickets/TK000000-NOPE", TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(400, harness.get(gateway, "/api/tickets?status=lost", TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(401, harness.get(gateway, "/api/tickets", null).statusCode());

      String progress = GatewayHarness.lastText(harness.chat(gateway, conversation, "查詢進度"));
      assertTrue(progress.contains(id), progress);
    }
  }

  @Test
  void wechatIntakeFilesATicketForTheOpenId(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      WeChatClient wechat = harness.wechat(gateway);
      String last = "";
      for (int i = 0; i < INTAKE.length; i++) {
        String envelope = wechat.post(WeChatClient.textXml("o-wechat-intake", "7700" + i, INTAKE[i]),
            WeChatClient.Mode.AES).bodyAsString();
        last = content(wechat.decryptReply(envelope, GatewayHarness.fields(envelope)));
      }
      assertTrue(last.contains("工单号"), last);
      JsonArray items = harness.admin(gateway, "/api/tickets?channel=wechat&userId=o-wechat-intake").getJsonArray("items");
      assertEquals(1, items.size());
      assertTrue(last.contains(items.getJsonObject(0).getString("id")));
      wechat.close();
    }
  }

  @Test
  void badChatRequestsGetClearErrors(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      WebClient http = WebClient.create(vertx);
      assertEquals(415, await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
          .sendBuffer(Buffer.buffer("not json"))).statusCode());
      HttpResponse<Buffer> malformed = await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
          .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"text\": ")));
      assertEquals(400, malformed.statusCode());
      assertEquals("body must be a JSON object", malformed.bodyAsJsonObject().getString("error"));
      assertEquals(400, await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
          .sendJsonObject(new JsonObject().put("conversationId", "a b").put("text", "hi"))).statusCode());
      HttpResponse<Buffer> tooLong = await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
          .sendJsonObject(new JsonObject().put("text", "长".repeat(2001))));
      assertEquals(400, tooLong.statusCode());
      assertTrue(tooLong.bodyAsJsonObject().getString("error").contains("2000"));
      http.close();
    }
  }

  @Test
  void repeatedMessageIdGetsTheRecordedAnswerAndTheMenusAreOffered(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      JsonObject body = new JsonObject().put("text", "你好").put("messageId", "m-1");
      JsonObject first = harness.chat(gateway, "web-retry", body);
      JsonObject again = harness.chat(gateway, "web-retry", body);
      assertEquals(first.getJsonArray("replies"), again.getJsonArray("replies"));
      String menu = GatewayHarness.shown(first.getJsonArray("replies").getJsonObject(0));
      for (String choice : List.of("投诉", "查询进度", "常见问题", "人工客服")) {
        assertTrue(menu.contains(choice), menu);
      }
      String categories = GatewayHarness.shown(harness.chat(gateway, "web-menu", "我要投诉")
          .getJsonArray("replies").getJsonObject(0));
      assertTrue(categories.contains("渗水/安全隐患") && categories.contains("色差"), categories);
      assertEquals("1", await(gateway.stores().sessions().load(
          new com.furnishcare.intake.core.ConversationKey(com.furnishcare.intake.core.ChannelName.WEBCHAT,
              harness.conversationId("web-retry"))))
          .orElseThrow().get("messageCount", ""));
    }
  }

  @Test
  void theShippedFlowsOfferButtonsAndAPressedButtonAnswersTheQuestion(Vertx vertx) {
    // Issue 12: the real engine's menus reach the web chat as options, not as text to be parsed.
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      JsonArray greeting = harness.chat(gateway, "buttons", "你好").getJsonArray("replies");
      JsonObject menu = greeting.getJsonObject(greeting.size() - 1);
      assertEquals("choices", menu.getString("kind"));
      JsonObject complaint = menu.getJsonArray("options").stream().map(JsonObject.class::cast)
          .filter(o -> o.getString("label").equals("投诉")).findFirst().orElseThrow();
      JsonArray asked = harness.chat(gateway, "buttons", new JsonObject().put("option", complaint.getString("id")))
          .getJsonArray("replies");
      JsonObject categories = asked.getJsonObject(asked.size() - 1);
      assertEquals("choices", categories.getString("kind"), categories.encode());
      JsonObject colour = categories.getJsonArray("options").stream().map(JsonObject.class::cast)
          .filter(o -> o.getString("label").equals("色差")).findFirst().orElseThrow();
      JsonArray next = harness.chat(gateway, "buttons", new JsonObject().put("option", colour.getString("id")))
          .getJsonArray("replies");
      assertTrue(next.getJsonObject(0).getString("text").contains("色差"), next.encode());
    }
  }
}
