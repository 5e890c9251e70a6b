package com.furnishcare.intake;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import com.furnishcare.intake.support.WeChatLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17.5 (c), two gateways on one Redis: gateway A is killed mid-turn, leaving the message's claim (a
 * 10 s lease) behind; WeChat, having had no answer in 5 s, retries on gateway B. The message must end up
 * handled. B used to find the claim "in progress", wait its reply budget and answer "success" (the first
 * delivery "will answer or push"), so WeChat stopped retrying and, A being dead, nobody ever handled it;
 * now B answers 503, and the retry after the claim's lease (10 s) lapses takes the message.
 */
class OrphanedClaimTest {

  @TempDir
  Path dir;

  @Test
  void aRetryOfAMessageWhoseGatewayDiedIsHandled() throws Exception {
    try (RedisServer redis = RedisServer.start()) {
      Map<String, String> env = Map.of("GATEWAY_DATA_DIR", dir.resolve("b").toString(), "WECHAT_TOKEN",
          TestConfig.TOKEN, "REDIS_URL", redis.url());
      try (GatewayProcess b = GatewayProcess.start(env, dir.resolve("b.log"))) {
        String msgId = "880001";
        String turnKey = "intake:turn:wechat:" + WeChatClient.ACCOUNT + ":msg:" + msgId;
        // What gateway A left when it was killed mid-turn.
        redis.set(turnKey, "{\"state\":\"claimed\"}", 10_000);
        long planted = System.nanoTime();
        WeChatLine line = new WeChatLine(b.port(), TestConfig.TOKEN);
        List<String> seen = new ArrayList<>();
        // WeChat's remaining retries, 5 s apart; any 200 ends them.
        for (int retry = 0; retry < 3; retry++) {
          long sent = System.nanoTime();
          WeChatLine.Answer answer = line.post("o-orphan", msgId, Intake.MESSAGES[0]);
          seen.add(answer.status() + " " + (answer.content() == null ? answer.body() : answer.content()));
          if (answer.status() == 200) {
            break;
          }
          Thread.sleep(Math.max(0, 5000 - (System.nanoTime() - sent) / 1_000_000));
        }
        // Past the lease: the message must have been handled by now (its turn recorded as done).
        Thread.sleep(Math.max(0, 12_000 - (System.nanoTime() - planted) / 1_000_000));
        String record = redis.get(turnKey);
        assertNotNull(record, "the message was never handled; WeChat saw " + seen);
        assertTrue(record.contains("\"done\""), record);
      }
    }
  }
}
