package com.furnishcare.intake.channel.wechat;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import com.furnishcare.intake.support.WeChatClient.Mode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A captured signature (timestamp, nonce, signature) is good for one body: WeChat's retries of that
 * body get the recorded reply, another body under the same signature is refused, in one process, after
 * a restart, and across processes sharing Redis.
 */
@ExtendWith(VertxExtension.class)
class WeChatReplayTest {

  @TempDir
  Path dataDir;
  private GatewayHarness harness;

  @BeforeEach
  void start(Vertx vertx) {
    harness = new GatewayHarness(vertx);
  }

  @AfterEach
  void stop() {
    assertEquals(List.of(), harness.api.problems());
    harness.close();
  }

  private static String ts() {
    return Long.toString(WeChatClient.now());
  }

  @Test
  void theSameSignatureWithAnotherBodyIsRefusedAndNotProcessed() {
    Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
    WeChatClient wechat = harness.wechat(gateway);
    String ts = ts();
    HttpResponse<Buffer> first = wechat.post(WeChatClient.textXml("o-victim", "8001", "门板有划痕"), Mode.PLAIN, ts, "31415");
    assertEquals(200, first.statusCode());

    HttpResponse<Buffer> replay = wechat.post(WeChatClient.textXml("o-forged", "8002", "投诉"), Mode.PLAIN, ts, "31415");
    assertEquals(403, replay.statusCode());
    assertTrue(replay.getHeader("Content-Type").startsWith("text/plain"), replay.getHeader("Content-Type"));
    assertFalse(replay.bodyAsString().contains("Exception"), replay.bodyAsString());
    assertTrue(harness.session(gateway, "o-forged").isEmpty(), "a replayed signature must not start a conversation");
    // Same sender, other message: still refused, and the victim's conversation did not move.
    assertEquals(403, wechat.post(WeChatClient.textXml("o-victim", "8003", "取消"), Mode.PLAIN, ts, "31415").statusCode());
    assertEquals("1", harness.session(gateway, "o-victim").orElseThrow().get("messageCount", ""));
    wechat.close();
  }

  @Test
  void weChatsOwnRetryOfTheSameBodyGetsTheRecordedReply() {
    Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
    WeChatClient wechat = harness.wechat(gateway);
    String ts = ts();
    String xml = WeChatClient.textXml("o-slow", "8101", "衣柜门板色差很明显");
    HttpResponse<Buffer> first = wechat.post(xml, Mode.PLAIN, ts, "2718");
    HttpResponse<Buffer> retry = wechat.post(xml, Mode.PLAIN, ts, "2718");
    assertEquals(200, retry.statusCode());
    assertEquals(content(first.bodyAsString()), content(retry.bodyAsString()));
    assertEquals("1", harness.session(gateway, "o-slow").orElseThrow().get("messageCount", ""));
    // In safe mode WeChat's retry carries the same signature; the message inside is what counts.
    String encrypted = WeChatClient.textXml("o-slow", "8102", "还有抽屉");
    String answered = decrypt(wechat, wechat.post(encrypted, Mode.AES, ts, "2719"));
    assertEquals(answered, decrypt(wechat, wechat.post(encrypted, Mode.AES, ts, "2719")));
    assertEquals("2", harness.session(gateway, "o-slow").orElseThrow().get("messageCount", ""));
    wechat.close();
  }

  private static String decrypt(WeChatClient wechat, HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return content(wechat.decryptReply(response.bodyAsString(), GatewayHarness.fields(response.bodyAsString())));
  }

  @Test
  void aRestartDoesNotMakeAUsedSignatureGoodAgain() {
    Gateway before = harness.start(TestConfig.embedded(dataDir).api(harness.api));
    WeChatClient wechat = harness.wechat(before);
    String ts = ts();
    assertEquals(200, wechat.post(WeChatClient.textXml("o-restart", "8201", "你好"), Mode.PLAIN, ts, "1618").statusCode());
    wechat.close();
    harness.stop(before);

    Gateway after = harness.start(TestConfig.embedded(dataDir).api(harness.api));
    WeChatClient again = harness.wechat(after);
    assertEquals(403, again.post(WeChatClient.textXml("o-restart", "8202", "投诉"), Mode.PLAIN, ts, "1618").statusCode());
    again.close();
  }

  @Test
  void aSignatureUsedOnOneProcessIsRefusedByAnotherOnTheSameRedis() throws Exception {
    RedisServer redis = RedisServer.shared();
    Gateway a = harness.start(TestConfig.embedded(dataDir.resolve("a")).api(harness.api).with("REDIS_URL", redis.url()));
    Gateway b = harness.start(TestConfig.embedded(dataDir.resolve("b")).api(harness.api).with("REDIS_URL", redis.url()));
    WeChatClient toA = harness.wechat(a);
    WeChatClient toB = harness.wechat(b);
    String ts = ts();
    String nonce = Long.toString(System.nanoTime());
    String msgId = Long.toString(System.nanoTime());
    String xml = WeChatClient.textXml("o-redis-replay", msgId, "门板有划痕");
    String first = content(toA.post(xml, Mode.PLAIN, ts, nonce).bodyAsString());
    assertEquals(first, content(toB.post(xml, Mode.PLAIN, ts, nonce).bodyAsString()), "WeChat's retry to another process");
    HttpResponse<Buffer> replay = toB.post(WeChatClient.textXml("o-redis-forged-" + msgId, msgId + "1", "投诉"), Mode.PLAIN, ts, nonce);
    assertEquals(403, replay.statusCode());
    assertTrue(harness.session(b, "o-redis-forged-" + msgId).isEmpty());
    toA.close();
    toB.close();
  }
}
