package com.furnishcare.intake.ticket;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tickets leave through the outbox to a webhook: signed, retried with back-off, dead-lettered, re-queued. */
@ExtendWith(VertxExtension.class)
class WebhookDeliveryTest {

  private static final String SECRET = "webhook-secret-0123456789";

  @TempDir
  Path dataDir;
  private Vertx vertx;
  private HttpServer receiver;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, JsonObject> received = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void startReceiver(Vertx vertx) {
    this.vertx = vertx;
    Router router = Router.router(vertx);
    router.post("/tickets").handler(BodyHandler.create()).handler(ctx -> {
      calls.incrementAndGet();
      byte[] body = ctx.body().buffer().getBytes();
      String expected = "sha256=" + WebhookSink.sign(SECRET.getBytes(StandardCharsets.UTF_8), body);
      JsonObject ticket = ctx.body().asJsonObject();
      if (!expected.equals(ctx.request().getHeader(WebhookSink.SIGNATURE_HEADER))) {
        problems.add("bad signature");
      }
      String expectedKey = ticket.getString("id") + "@" + ticket.getString("status") + "-" + ticket.getInteger("level");
      if (!expectedKey.equals(ctx.request().getHeader("Idempotency-Key"))) {
        problems.add("Idempotency-Key is not id@status-level: " + ctx.request().getHeader("Idempotency-Key"));
      }
      if (failuresLeft.getAndDecrement() > 0) {
        ctx.response().setStatusCode(503).end("busy");
        return;
      }
      received.put(ticket.getString("id"), ticket);
      ctx.response().setStatusCode(202).end();
    });
    receiver = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stopReceiver() {
    assertEquals(List.of(), problems);
    await(receiver.close());
  }

  private Gateway gateway(GatewayHarness harness, int maxAttempts) {
    return harness.start(TestConfig.embedded(dataDir)
        .with("TICKET_SINK", "webhook")
        .with("TICKET_WEBHOOK_URL", "http://127.0.0.1:" + receiver.actualPort() + "/tickets")
        .with("TICKET_WEBHOOK_SECRET", SECRET)
        .with("OUTBOX_MAX_ATTEMPTS", Integer.toString(maxAttempts))
        .with("OUTBOX_BASE_DELAY_MS", "20")
        .with("OUTBOX_MAX_DELAY_MS", "100")
        .with("OUTBOX_RELAY_INTERVAL_MS", "50"));
  }

  @Test
  void ticketIsDeliveredSignedAfterTransientFailures() {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      failuresLeft.set(2);
      Gateway gateway = gateway(harness, 5);
      String id = harness.webChatTicket(gateway, "hook-1");
      Await.until("ticket delivered", () -> received.containsKey(id));
      assertEquals(3, calls.get(), "two refusals, then accepted");
      JsonObject delivered = received.get(id);
      assertEquals("colour_difference", delivered.getString("category"));
      assertEquals("13800138000", delivered.getString("phone"));
      Await.until("outbox empty", () -> harness.admin(gateway, "/api/outbox").getLong("pending") == 0);
      assertTrue(gateway.metrics().scrape().contains("gateway_ticket_deliveries_total{outcome=\"retry\",sink=\"webhook\"} 2.0"),
          gateway.metrics().scrape());
    }
  }

  @Test
  void afterTooManyFailuresTheTicketIsADeadLetterUntilRequeued() {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      failuresLeft.set(1000);
      Gateway gateway = gateway(harness, 3);
      String id = harness.webChatTicket(gateway, "hook-2");
      Await.until("dead letter", () -> harness.admin(gateway, "/api/outbox").getLong("deadLettered") == 1);
      JsonObject outbox = harness.admin(gateway, "/api/outbox");
      assertEquals(0L, outbox.getLong("pending"));
      assertEquals(id, outbox.getJsonArray("deadLetters").getJsonObject(0).getString("ticketId"));
      assertEquals(3, outbox.getJsonArray("deadLetters").getJsonObject(0).getInteger("attempts"));
      assertEquals("HTTP 503: busy", outbox.getJsonArray("deadLetters").getJsonObject(0).getString("lastError"));
      assertEquals(3, calls.get());
      Await.until("metrics show the dead letter", () -> gateway.metrics().scrape().contains("gateway_outbox_dead_letters 1.0"));

      failuresLeft.set(0);
      WebClient http = WebClient.create(vertx);
      assertEquals(401, await(http.post(gateway.port(), "127.0.0.1", "/api/outbox/" + id + "/requeue").send()).statusCode());
      assertEquals(404, await(http.post(gateway.port(), "127.0.0.1", "/api/outbox/TK000000-NONE0/requeue")
          .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).send()).statusCode());
      assertEquals(200, await(http.post(gateway.port(), "127.0.0.1", "/api/outbox/" + id + "/requeue")
          .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).send()).statusCode());
      Await.until("delivered after requeue", () -> received.containsKey(id));
      Await.until("outbox empty", () -> {
        JsonObject now = harness.admin(gateway, "/api/outbox");
        return now.getLong("pending") == 0 && now.getLong("deadLettered") == 0;
      });
      http.close();
    }
  }

  @Test
  void embeddedSinkEmptiesTheOutboxAtOnce() {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("OUTBOX_RELAY_INTERVAL_MS", "50"));
      harness.webChatTicket(gateway, "hook-3");
      Await.until("outbox empty", () -> harness.admin(gateway, "/api/outbox").getLong("pending") == 0);
      assertEquals(0, calls.get());
    }
  }
}
