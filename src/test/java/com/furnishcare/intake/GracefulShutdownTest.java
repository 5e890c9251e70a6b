package com.furnishcare.intake;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.SlowStore;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class GracefulShutdownTest {

  @TempDir
  Path dataDir;

  @Test
  void requestInFlightFinishesBeforeTheGatewayStops(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir),
          Gateway.Parts.withStores(SlowStore.by(vertx, 1200)));
      WeChatClient client = harness.wechat(gateway);
      int port = gateway.port();
      CompletableFuture<HttpResponse<Buffer>> inFlight =
          CompletableFuture.supplyAsync(() -> client.post(WeChatClient.textXml("o-shutdown", "9501", "在途消息")));
      Thread.sleep(300);
      Future<Void> stopping = gateway.stop();
      HttpResponse<Buffer> response = inFlight.get();
      assertEquals(200, response.statusCode());
      assertTrue(!content(response.bodyAsString()).isBlank(), response.bodyAsString());
      Await.await(stopping);
      WeChatClient late = new WeChatClient(vertx, port, TestConfig.TOKEN, null, null);
      Throwable refused = assertThrows(Throwable.class, () -> late.post(WeChatClient.textXml("o-shutdown", "9502", "x")));
      assertTrue(String.valueOf(refused.getMessage()).contains("Connection refused"), refused.toString());
      late.close();
      client.close();
    }
  }
}
