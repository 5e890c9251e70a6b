package com.furnishcare.intake.web;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class OperationsTest {

  @TempDir
  Path dataDir;

  @Test
  void healthIsUpOnTheEmbeddedStore(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      HttpResponse<Buffer> health = harness.get(gateway, "/health", null);
      assertEquals(200, health.statusCode());
      assertEquals("up", health.bodyAsJsonObject().getString("status"));
      assertEquals("embedded", health.bodyAsJsonObject().getString("store"));
    }
  }

  @Test
  void healthTurns503WhenRedisGoesAway(Vertx vertx) throws Exception {
    RedisServer redis = RedisServer.start();
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("REDIS_URL", redis.url()));
      assertEquals(200, harness.get(gateway, "/health", null).statusCode());
      redis.close();
      HttpResponse<Buffer> down = harness.get(gateway, "/health", null);
      assertEquals(503, down.statusCode());
      assertEquals("down", down.bodyAsJsonObject().getString("status"));
    } finally {
      redis.close();
    }
  }

  @Test
  void gatewayRefusesToStartWhenRedisIsUnreachable(Vertx vertx) throws Exception {
    int unused = RedisServer.freePort();
    Throwable failure = com.furnishcare.intake.support.Await.failure(
        Gateway.start(vertx, TestConfig.embedded(dataDir).with("REDIS_URL", "redis://127.0.0.1:" + unused).build()));
    assertTrue(failure.getMessage() != null, failure.toString());
  }

  @Test
  void metricsCountMessagesDedupeHitsAndErrors(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      WeChatClient wechat = harness.wechat(gateway);
      String xml = WeChatClient.textXml("o-metrics", "1201", "你好");
      wechat.post(xml);
      wechat.post(xml);
      wechat.postRaw("/wechat?signature=bad&timestamp=" + WeChatClient.now() + "&nonce=1", xml);
      String metrics = harness.get(gateway, "/metrics", null).bodyAsString();
      assertTrue(metrics.contains("gateway_messages_total{channel=\"wechat\",type=\"text\"} 2.0"), metrics);
      assertTrue(metrics.contains("gateway_dedupe_hits_total{channel=\"wechat\"} 1.0"), metrics);
      assertTrue(metrics.contains("gateway_errors_total{kind=\"wechat_bad_signature\"} 1.0"), metrics);
      wechat.close();
    }
  }

  @Test
  void adminApiNeedsTheBearerToken(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      assertEquals(401, harness.get(gateway, "/api/deliveries", null).statusCode());
      assertEquals(401, harness.get(gateway, "/api/deliveries", "wrong-token-wrong-token").statusCode());
      assertEquals(200, harness.get(gateway, "/api/deliveries", TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(400, harness.get(gateway, "/api/deliveries?limit=abc", TestConfig.ADMIN_TOKEN).statusCode());
    }
  }

  @Test
  void adminApiIsClosedWhenNoTokenIsConfigured(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).without("GATEWAY_ADMIN_TOKEN"));
      HttpResponse<Buffer> response = harness.get(gateway, "/api/deliveries", null);
      assertEquals(503, response.statusCode());
      assertTrue(response.bodyAsString().contains("GATEWAY_ADMIN_TOKEN"));
    }
  }

  @Test
  void wechatEndpointIsAbsentWithoutAToken(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).without("WECHAT_TOKEN").without("WECHAT_AES_KEY"));
      assertEquals(404, harness.get(gateway, "/wechat", null).statusCode());
      assertEquals(200, harness.get(gateway, "/health", null).statusCode());
    }
  }

}
