package com.furnishcare.intake.channel.wechat;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store keeps conversations and recorded replies across a gateway restart. */
@ExtendWith(VertxExtension.class)
class WeChatRestartTest {

  @TempDir
  Path dataDir;

  @Test
  void retryAfterRestartGetsTheSameReplyAndCountsContinue(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway first = harness.start(TestConfig.embedded(dataDir));
      WeChatClient client = harness.wechat(first);
      String xml = WeChatClient.textXml("o-embedded-restart", "9401", "抽屉滑轨坏了");
      String reply = content(client.post(xml).bodyAsString());
      client.close();
      harness.stop(first);

      Gateway second = harness.start(TestConfig.embedded(dataDir));
      WeChatClient again = harness.wechat(second);
      assertEquals(reply, content(again.post(xml).bodyAsString()));
      again.post(WeChatClient.textXml("o-embedded-restart", "9402", "在吗"));
      assertEquals("2", harness.session(second, "o-embedded-restart").orElseThrow().get("messageCount", ""));
      again.close();
    }
  }
}
