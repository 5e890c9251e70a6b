package com.furnishcare.intake;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 right after a reply loses nothing that reply acknowledged (embedded store). */
@ExtendWith(VertxExtension.class)
class KillNineDurabilityTest {

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedMessageSurvivesSigkill(Vertx vertx) throws Exception {
    Map<String, String> env = Map.of("GATEWAY_DATA_DIR", dir.resolve("data").toString(), "WECHAT_TOKEN", TestConfig.TOKEN);
    Path log = dir.resolve("gateway.log");
    String lastXml;
    String lastReply;
    try (GatewayProcess first = GatewayProcess.start(env, log)) {
      WeChatClient client = new WeChatClient(vertx, first.port(), TestConfig.TOKEN, null, null);
      lastXml = null;
      lastReply = null;
      // An intake in progress: each answer is acknowledged by the next question.
      String[][] steps = {{"衣柜门板色差很明显", "订单号"}, {"DD2026110301", "手机号"}, {"13800138000", "称呼"},
          {"王芳", "地址"}};
      for (int i = 0; i < steps.length; i++) {
        lastXml = WeChatClient.textXml("o-crash", "99" + i, steps[i][0]);
        lastReply = content(client.post(lastXml).bodyAsString());
        assertTrue(lastReply.contains(steps[i][1]), lastReply);
      }
      first.kill();
      client.close();
    }
    try (GatewayProcess second = GatewayProcess.start(env, log)) {
      WeChatClient client = new WeChatClient(vertx, second.port(), TestConfig.TOKEN, null, null);
      assertEquals(lastReply, content(client.post(lastXml).bodyAsString()), "retry of the last message after the crash");
      String next = content(client.post(WeChatClient.textXml("o-crash", "996",
          "杭州市西湖区文三路100号5幢2单元301室")).bodyAsString());
      assertTrue(next.contains("处理"), "the intake continues where it was (诉求 next): " + next);
      client.close();
    }
    assertFalse(java.nio.file.Files.readString(log).contains("has been blocked"), "blocked-thread warning in the gateway log");
  }

  @Test
  void sigtermStopsCleanly(Vertx vertx) throws Exception {
    Map<String, String> env = Map.of("GATEWAY_DATA_DIR", dir.resolve("term").toString(), "WECHAT_TOKEN", TestConfig.TOKEN);
    GatewayProcess gateway = GatewayProcess.start(env, dir.resolve("term.log"));
    int exit = gateway.terminate();
    assertEquals(0, exit, "exit status after SIGTERM and a clean stop");
  }
}
