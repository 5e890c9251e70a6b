package com.furnishcare.intake.channel.wechat;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.DialogContext;
import com.furnishcare.intake.dialog.Turn;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeWeChatApi;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.SlowStore;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replies that do not fit the HTTP answer: late ones, long ones, and what WeChat's API says back. */
@ExtendWith(VertxExtension.class)
class WeChatPushTest {

  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    harness = new GatewayHarness(vertx);
  }

  @AfterEach
  void stop() {
    assertEquals(List.of(), harness.api.problems(), "requests the real WeChat API would refuse");
    harness.close();
  }

  private Gateway slowGateway(long budgetMs, long loadDelayMs) {
    return harness.start(TestConfig.embedded(dataDir).api(harness.api)
            .with("GATEWAY_REPLY_BUDGET_MS", Long.toString(budgetMs)),
        Gateway.Parts.withStores(SlowStore.by(vertx, loadDelayMs)));
  }

  @Test
  void lateReplyIsAnsweredWithSuccessThenDeliveredAsCustomerServiceMessage() {
    Gateway gateway = slowGateway(200, 800);
    WeChatClient wechat = harness.wechat(gateway);
    HttpResponse<Buffer> response = wechat.post(WeChatClient.textXml("o-late", "8001", "安装师傅迟到了"));
    assertEquals("success", response.bodyAsString());
    Await.until("kefu message delivered", () -> harness.api.sentTo("o-late").size() == 1);
    assertTrue(harness.api.sentTo("o-late").get(0).content().contains("订单号"),
        "the late reply is the intake's next question: " + harness.api.sentTo("o-late").get(0).content());
    assertTrue(gateway.metrics().scrape().contains("gateway_late_replies_total{channel=\"wechat\"} 1.0"));
    // WeChat retries after 5 s without an answer; ours said success, but a retry must still not send twice.
    assertEquals("success", wechat.post(WeChatClient.textXml("o-late", "8001", "安装师傅迟到了")).bodyAsString());
    sleep(300);
    assertEquals(1, harness.api.sentTo("o-late").size());
    wechat.close();
  }

  @Test
  void accessTokenIsFetchedOnceAndReused() {
    Gateway gateway = slowGateway(100, 300);
    WeChatClient wechat = harness.wechat(gateway);
    for (int i = 0; i < 3; i++) {
      wechat.post(WeChatClient.textXml("o-token", "8100" + i, "消息" + i));
    }
    Await.until("three kefu messages", () -> harness.api.sentTo("o-token").size() == 3);
    assertEquals(1, harness.api.tokenFetches());
    wechat.close();
  }

  @Test
  void expiredTokenIsRefreshedAndTheMessageStillArrives() {
    Gateway gateway = slowGateway(100, 300);
    WeChatClient wechat = harness.wechat(gateway);
    wechat.post(WeChatClient.textXml("o-expire", "8201", "第一条"));
    Await.until("first kefu", () -> harness.api.sentTo("o-expire").size() == 1);
    harness.api.expireIssuedTokens();
    wechat.post(WeChatClient.textXml("o-expire", "8202", "第二条"));
    Await.until("second kefu after refresh", () -> harness.api.sentTo("o-expire").size() == 2);
    assertEquals(2, harness.api.tokenFetches());
    assertTrue(harness.api.sentTo("o-expire").get(1).accessToken().endsWith("_2"));
    wechat.close();
  }

  @Test
  void revokedTokenIsReplacedAndTheMessageStillArrives() {
    Gateway gateway = slowGateway(100, 300);
    WeChatClient wechat = harness.wechat(gateway);
    wechat.post(WeChatClient.textXml("o-revoke", "8211", "第一条"));
    Await.until("first kefu", () -> harness.api.sentTo("o-revoke").size() == 1);
    harness.api.revokeIssuedTokens();
    wechat.post(WeChatClient.textXml("o-revoke", "8212", "第二条"));
    Await.until("second kefu after 40001", () -> harness.api.sentTo("o-revoke").size() == 2);
    assertEquals(2, harness.api.tokenFetches());
    assertTrue(harness.api.sentTo("o-revoke").get(1).accessToken().endsWith("_2"));
    wechat.close();
  }

  @Test
  void tokenSurvivesARestartOfTheGateway() {
    Gateway first = slowGateway(100, 300);
    WeChatClient wechat = harness.wechat(first);
    wechat.post(WeChatClient.textXml("o-restart-token", "8301", "一"));
    Await.until("first kefu", () -> harness.api.sentTo("o-restart-token").size() == 1);
    wechat.close();
    harness.stop(first);
    Gateway second = slowGateway(100, 300);
    WeChatClient again = harness.wechat(second);
    again.post(WeChatClient.textXml("o-restart-token", "8302", "二"));
    Await.until("second kefu", () -> harness.api.sentTo("o-restart-token").size() == 2);
    assertEquals(1, harness.api.tokenFetches(), "the cached token should have been reused after restart");
    again.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {45015, 45047})
  void permanentKefuErrorsAreRecordedAndNotRetried(int errcode) {
    Gateway gateway = slowGateway(100, 300);
    harness.api.failSendsTo("o-window", errcode);
    WeChatClient wechat = harness.wechat(gateway);
    assertEquals("success", wechat.post(WeChatClient.textXml("o-window", "8401", "在吗")).bodyAsString());
    Await.until("rejection recorded", () -> rejection(gateway, errcode));
    sleep(1500); // longer than the first retry back-off would be
    assertEquals(1, harness.api.sendCalls());
    assertTrue(gateway.metrics().scrape().contains("outcome=\"rejected\""));
    wechat.close();
  }

  @Test
  void longReplyIsSplitFirstPartPassiveRestPushedInOrder() {
    String paragraph = "柜体与墙面之间的缝隙应小于3毫米，门板之间缝隙均匀，开合顺畅无异响。";
    String longText = paragraph.repeat(100); // ~ 10 KB
    Conversation verbose = (Session session, InboundMessage message, DialogContext context) ->
        new Turn(session.with("seen", "1", context.now()), List.of(Reply.text(longText)));
    Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api), Gateway.Parts.withConversation(verbose));
    WeChatClient wechat = harness.wechat(gateway);
    String passive = content(wechat.post(WeChatClient.textXml("o-long", "8501", "验收标准是什么")).bodyAsString());
    assertTrue(passive.getBytes(StandardCharsets.UTF_8).length <= 2048);
    int expectedPushes = (int) Math.ceil(longText.getBytes(StandardCharsets.UTF_8).length / 2048.0);
    Await.until("remaining parts pushed", () -> harness.api.sentTo("o-long").size() >= expectedPushes - 1);
    sleep(300);
    StringBuilder all = new StringBuilder(passive);
    for (FakeWeChatApi.Sent sent : harness.api.sentTo("o-long")) {
      all.append(sent.content());
    }
    assertEquals(longText, all.toString());
    wechat.close();
  }

  private boolean rejection(Gateway gateway, int errcode) {
    return harness.admin(gateway, "/api/deliveries").getJsonArray("items").stream()
        .map(o -> (JsonObject) o)
        .anyMatch(o -> "push_rejected".equals(o.getString("kind")) && o.getString("detail").startsWith(errcode + " "));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
