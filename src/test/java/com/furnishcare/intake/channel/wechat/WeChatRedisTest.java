package com.furnishcare.intake.channel.wechat;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.SlowStore;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Several gateway processes on one real redis-server: retries reaching another process, shared tokens. */
@ExtendWith(VertxExtension.class)
class WeChatRedisTest {

  private static RedisServer redis;
  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Vertx vertx;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
    redis.flushAll();
  }

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    harness = new GatewayHarness(vertx);
  }

  @AfterEach
  void stop() {
    assertEquals(List.of(), harness.api.problems());
    harness.close();
  }

  private Gateway gateway(String name, UnaryOperator<com.furnishcare.intake.store.Stores> decorator, long budgetMs) {
    return harness.start(TestConfig.embedded(dataDir.resolve(name)).api(harness.api)
            .with("REDIS_URL", redis.url()).with("GATEWAY_REPLY_BUDGET_MS", Long.toString(budgetMs)),
        Gateway.Parts.withStores(decorator));
  }

  @Test
  void retryReachingAnotherProcessGetsTheSameReplyAndIsProcessedOnce() {
    Gateway a = gateway("a", UnaryOperator.identity(), 4000);
    Gateway b = gateway("b", UnaryOperator.identity(), 4000);
    WeChatClient toA = harness.wechat(a);
    WeChatClient toB = harness.wechat(b);
    String xml = WeChatClient.textXml("o-cluster", "9001", "橱柜尺寸不对");
    String first = content(toA.post(xml).bodyAsString());
    String retried = content(toB.post(xml).bodyAsString());
    assertEquals(first, retried);
    toB.post(WeChatClient.textXml("o-cluster", "9002", "还在吗"));
    assertEquals("2", harness.session(b, "o-cluster").orElseThrow().get("messageCount", ""));
    // The transcript an agent reads was written with each turn's commit, before its reply went out, and once.
    List<ChatEntry> transcript = await(a.stores().chatLog().after(
        new ConversationKey(ChannelName.WECHAT, "o-cluster").transcriptId(), 0, 50));
    assertEquals(List.of("橱柜尺寸不对", "还在吗"), transcript.stream()
        .filter(e -> e.author() == ChatEntry.Author.USER).map(e -> e.reply().text()).toList());
    assertEquals(transcript.size(), transcript.stream().map(ChatEntry::key).distinct().count(), "no entry twice");
    assertTrue(transcript.stream().anyMatch(e -> e.author() == ChatEntry.Author.BOT
        && e.key().contains("9001") && first.contains(e.reply().text())), "the reply the homeowner got: " + transcript);
    toA.close();
    toB.close();
  }

  @Test
  void retryArrivingWhileTheFirstIsStillBeingHandledWaitsForItsReply() throws Exception {
    Gateway slow = gateway("slow", SlowStore.by(vertx, 1000), 4000);
    Gateway fast = gateway("fast", UnaryOperator.identity(), 4000);
    WeChatClient toSlow = harness.wechat(slow);
    WeChatClient toFast = harness.wechat(fast);
    String xml = WeChatClient.textXml("o-inflight", "9101", "热水器漏水");
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> content(toSlow.post(xml).bodyAsString()));
    Thread.sleep(300);
    String retried = content(toFast.post(xml).bodyAsString());
    assertEquals(first.get(), retried);
    assertEquals("1", harness.session(fast, "o-inflight").orElseThrow().get("messageCount", ""));
    toSlow.close();
    toFast.close();
  }

  @Test
  void accessTokenIsSharedThroughRedis() {
    Gateway a = gateway("ta", SlowStore.by(vertx, 300), 100);
    Gateway b = gateway("tb", SlowStore.by(vertx, 300), 100);
    WeChatClient toA = harness.wechat(a);
    WeChatClient toB = harness.wechat(b);
    toA.post(WeChatClient.textXml("o-shared", "9201", "一"));
    Await.until("push from a", () -> harness.api.sentTo("o-shared").size() == 1);
    toB.post(WeChatClient.textXml("o-shared", "9202", "二"));
    Await.until("push from b", () -> harness.api.sentTo("o-shared").size() == 2);
    assertEquals(1, harness.api.tokenFetches());
    toA.close();
    toB.close();
  }

  @Test
  void conversationAndRepliesSurviveARestartOnRedis() {
    Gateway first = gateway("r1", UnaryOperator.identity(), 4000);
    WeChatClient client = harness.wechat(first);
    String xml = WeChatClient.textXml("o-redis-restart", "9301", "门把手松了");
    String reply = content(client.post(xml).bodyAsString());
    client.close();
    harness.stop(first);
    Gateway second = gateway("r2", UnaryOperator.identity(), 4000);
    WeChatClient again = harness.wechat(second);
    assertEquals(reply, content(again.post(xml).bodyAsString()));
    again.post(WeChatClient.textXml("o-redis-restart", "9302", "?"));
    assertEquals("2", harness.session(second, "o-redis-restart").orElseThrow().get("messageCount", ""));
    again.close();
  }
}
