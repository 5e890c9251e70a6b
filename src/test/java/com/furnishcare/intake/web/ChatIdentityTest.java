package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway issues web-chat identities; only the holder of a conversation's secret reaches it. */
@ExtendWith(VertxExtension.class)
class ChatIdentityTest {

  private static RedisServer redis;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void onlyTheSecretsHolderReachesAConversation(String store, Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.onStore(store, dataDir, redis));
      WebClient http = WebClient.create(vertx);

      JsonObject first = post(http, gateway, new JsonObject().put("text", Intake.MESSAGES[0]), null);
      String id = first.getString("conversationId");
      String secret = first.getString("conversationSecret");
      assertTrue(id.matches("[A-Za-z0-9_-]{16,64}"), id);
      assertTrue(secret.matches("[A-Za-z0-9_-]{22,}"), "at least 128 bits of base64url: " + secret);
      JsonObject other = post(http, gateway, new JsonObject().put("text", "你好"), null);
      assertNotEquals(id, other.getString("conversationId"));
      assertNotEquals(secret, other.getString("conversationSecret"));

      // The owner is at the summary with name, phone and address; a question back shows it again.
      assertTrue(first.encode().contains("13800138000"), first.encode());
      JsonObject summary = post(http, gateway, new JsonObject().put("conversationId", id)
          .put("conversationSecret", secret).put("text", "嗯？"), null);
      assertTrue(summary.encode().contains("13800138000"), summary.encode());
      assertNull(summary.getString("conversationSecret"), "the secret is given out once, when the conversation starts");

      // Anyone else: no secret, a wrong one, another conversation's, or an id that never existed.
      List<HttpResponse<Buffer>> refused = new ArrayList<>();
      refused.add(raw(http, gateway, new JsonObject().put("conversationId", id).put("text", "否"), null));
      refused.add(raw(http, gateway, new JsonObject().put("conversationId", id).put("conversationSecret", secret + "x")
          .put("text", "否"), null));
      refused.add(raw(http, gateway, new JsonObject().put("conversationId", id)
          .put("conversationSecret", other.getString("conversationSecret")).put("text", "否"), null));
      refused.add(raw(http, gateway, new JsonObject().put("conversationId", id).put("text", "确认"), "wrong-secret"));
      refused.add(raw(http, gateway, new JsonObject().put("conversationId", "1").put("conversationSecret", secret)
          .put("text", "查询进度"), null));
      refused.add(raw(http, gateway, new JsonObject().put("conversationId", "cDoesNotExist0000000000")
          .put("text", "查询进度"), secret));
      for (HttpResponse<Buffer> r : refused) {
        assertEquals(404, r.statusCode(), r.bodyAsString());
        assertEquals(refused.get(0).bodyAsString(), r.bodyAsString(), "unknown and wrong look the same");
        for (String personal : List.of("13800138000", "王芳", Intake.ADDRESS_FRAGMENT, "DD2026110301")) {
          assertFalse(r.bodyAsString().contains(personal), r.bodyAsString());
        }
      }

      // The attempts changed nothing: the owner confirms (secret in the header this time) and gets a ticket.
      JsonObject confirmed = post(http, gateway, new JsonObject().put("conversationId", id).put("text", "确认"), secret);
      String ticket = Intake.ticketId(GatewayHarness.allText(confirmed));
      assertEquals(1, harness.admin(gateway, "/api/tickets?channel=webchat&userId=" + id).getJsonArray("items").size());
      assertTrue(harness.admin(gateway, "/api/tickets/" + ticket).getString("phone").contains("13800138000"));
      http.close();
    }
  }

  @Test
  void onlyTheSecretsHashIsStoredAndOneMessageConversationsLapseSoon(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("CHAT_FIRST_TURN_TTL_S", "600"));
      harness.chat(gateway, "once", "你好");
      harness.chat(gateway, "twice", "你好");
      harness.chat(gateway, "twice", "我要投诉");
      String secret = harness.conversationSecret("once");
      for (Path file : files(dataDir)) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains(secret), file + " holds a conversation secret in clear");
      }
      long now = System.currentTimeMillis();
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"))) {
        long once = expiry(db, "SELECT expires_at FROM sessions WHERE conv_key = ?", "webchat:" + harness.conversationId("once"));
        long twice = expiry(db, "SELECT expires_at FROM sessions WHERE conv_key = ?", "webchat:" + harness.conversationId("twice"));
        long onceId = expiry(db, "SELECT expires_at FROM chat_conversations WHERE id = ?", harness.conversationId("once"));
        long twiceId = expiry(db, "SELECT expires_at FROM chat_conversations WHERE id = ?", harness.conversationId("twice"));
        assertTrue(Math.abs(once - now - Duration.ofMinutes(10).toMillis()) < 60_000, "one message: kept 10 minutes");
        assertTrue(Math.abs(onceId - once) < 60_000, "the identity lapses with the conversation");
        assertTrue(twice - now > Duration.ofDays(6).toMillis(), "a real conversation: kept the idle time (7 days)");
        assertTrue(twiceId - now > Duration.ofDays(6).toMillis());
      }
    }
  }

  private static long expiry(Connection db, String sql, String key) throws Exception {
    try (var q = db.prepareStatement(sql)) {
      q.setString(1, key);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), "no row for " + key);
        return rs.getLong(1);
      }
    }
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static JsonObject post(WebClient http, Gateway gateway, JsonObject body, String secretHeader) {
    HttpResponse<Buffer> r = raw(http, gateway, body, secretHeader);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> raw(WebClient http, Gateway gateway, JsonObject body, String secretHeader) {
    var request = http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH);
    if (secretHeader != null) {
      request.putHeader(ChatRoutes.SECRET_HEADER, secretHeader);
    }
    return await(request.sendJsonObject(body));
  }
}
