package com.furnishcare.intake.ticket;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.CapturingAppender;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while the relay is handing a ticket to the webhook: the stop waits for the webhook's answer
 * and records the delivery before the store closes, so after the restart the outbox is empty and the
 * ticket is not sent a second time.
 */
@ExtendWith(VertxExtension.class)
class StopDuringDeliveryTest {

  @TempDir
  Path dataDir;

  @Test
  void deliveryUnderWayAtStopIsRecordedBeforeTheStoreCloses(Vertx vertx) {
    AtomicInteger calls = new AtomicInteger();
    HttpServer webhook = await(vertx.createHttpServer().requestHandler(request -> {
      calls.incrementAndGet();
      request.body().onSuccess(body -> vertx.setTimer(800, id -> request.response().setStatusCode(202).end()));
    }).listen(0, "127.0.0.1"));
    TestConfig config = TestConfig.embedded(dataDir)
        .with("TICKET_SINK", "webhook")
        .with("TICKET_WEBHOOK_URL", "http://127.0.0.1:" + webhook.actualPort() + "/tickets")
        .with("TICKET_WEBHOOK_SECRET", "webhook-secret-0123456789")
        .with("OUTBOX_RELAY_INTERVAL_MS", "50");
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config);
      String id = harness.webChatTicket(gateway, "stop-during-delivery");
      Await.until("the webhook is receiving ticket " + id, () -> calls.get() == 1);
      int logFrom = CapturingAppender.size();
      harness.stop(gateway);
      List<String> trouble = CapturingAppender.since(logFrom).stream()
          .filter(l -> l.level().equals("WARN") || l.level().equals("ERROR")).map(CapturingAppender.Line::text).toList();
      assertEquals(List.of(), trouble, "logged while stopping");

      Gateway restarted = harness.start(config);
      assertEquals(0L, harness.admin(restarted, "/api/outbox").getLong("pending"),
          "the ticket the webhook accepted is still waiting to be sent after the restart");
      assertEquals(1, calls.get());
    } finally {
      await(webhook.close());
    }
  }
}
