package com.furnishcare.intake.channel.sms;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Homeowners their own channel did not reach (the web chat cannot push; WeChat refuses after 48 hours)
 * hear about their ticket by SMS, through a fake
 * of Tencent Cloud SMS that checks the TC3 signature, templates and parameter lengths; their SMS reply
 * to "问题解决了吗？" acts in their conversation.
 */
@ExtendWith(VertxExtension.class)
class SmsNotificationTest {

  private static final String SECRET_ID = "AKIDtestsecretid0001";
  private static final String SECRET_KEY = "test-secret-key-0123456789";
  private static final String APP_ID = "1400000001";
  private static final String SIGN = "家居售后";
  private static final String STATUS_TEMPLATE = "2000001";
  private static final String RESOLUTION_TEMPLATE = "2000002";
  private static final String REPLY_TOKEN = "reply-token-0123456789";
  private static final String PHONE = "13800138000";

  @TempDir
  Path dataDir;
  private FakeTencentSms sms;
  private GatewayHarness harness;
  private Gateway gateway;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx) {
    sms = await(new FakeTencentSms(SECRET_ID, SECRET_KEY, APP_ID, SIGN).approve(STATUS_TEMPLATE, 2)
        .approve(RESOLUTION_TEMPLATE, 1).start(vertx));
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).sms(sms)
        .with("SMS_STATUS_TEMPLATE_ID", STATUS_TEMPLATE).with("SMS_RESOLUTION_TEMPLATE_ID", RESOLUTION_TEMPLATE)
        .with("SMS_REPLY_TOKEN", REPLY_TOKEN));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    harness.close();
    await(sms.stop());
    assertEquals(List.of(), sms.problems());
  }

  private void status(String id, String status, String eventId) {
    HttpResponse<Buffer> r = await(http.post(gateway.port(), "127.0.0.1", "/api/tickets/" + id + "/status")
        .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN)
        .sendJsonObject(new JsonObject().put("status", status).put("eventId", eventId)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  private HttpResponse<Buffer> reply(String token, String body) {
    return await(http.post(gateway.port(), "127.0.0.1", "/sms/tencent/" + token + "/replies")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  private static String today() {
    LocalDate d = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private List<DeliveryEvent> deliveries(String kind) {
    return await(gateway.stores().deliveries().recent(50)).stream().filter(e -> e.kind().equals(kind)).toList();
  }

  @Test
  void webChatTicketsAreToldBySmsAndANotSolvedReplyReopensTheTicketOnce() {
    String id = harness.webChatTicket(gateway, "web-sms-1");

    status(id, "in_progress", "e1");
    Await.until("status SMS sent", () -> sms.sent().size() == 1);
    assertEquals(new FakeTencentSms.Sent("+86" + PHONE, STATUS_TEMPLATE, List.of(today(), "处理中")), sms.sent().get(0));
    // The delivery log is written after the provider answered: wait for it rather than race it.
    Await.until("the SMS recorded in the delivery log", () -> deliveries("sms_sent").size() == 1);

    status(id, "in_progress", "e1"); // the same event again: no second SMS
    status(id, "resolved", "e2");
    Await.until("resolution SMS sent", () -> sms.sent().size() == 2);
    assertEquals(new FakeTencentSms.Sent("+86" + PHONE, RESOLUTION_TEMPLATE, List.of(today())), sms.sent().get(1));

    String callback = new JsonObject().put("extend", "").put("mobile", PHONE).put("nationcode", "86")
        .put("sign", SIGN).put("text", "2").put("time", 1795485000L).encode();
    HttpResponse<Buffer> ack = reply(REPLY_TOKEN, callback);
    assertEquals(200, ack.statusCode());
    assertEquals(new JsonObject().put("result", 0).put("errmsg", "OK"), ack.bodyAsJsonObject());
    JsonObject ticket = harness.admin(gateway, "/api/tickets/" + id);
    assertEquals("unsatisfied", ticket.getString("status"));
    assertEquals(2, ticket.getInteger("level"), "one level up");

    // The web chat cannot push the bot's answer, so the outcome is confirmed by SMS, as status changes are.
    Await.until("outcome confirmed by SMS", () -> sms.sent().size() == 3);
    assertEquals(new FakeTencentSms.Sent("+86" + PHONE, STATUS_TEMPLATE, List.of(today(), "用户不满意")), sms.sent().get(2));

    assertEquals(200, reply(REPLY_TOKEN, callback).statusCode(), "the provider's retry is acknowledged");
    assertEquals(2, harness.admin(gateway, "/api/tickets/" + id).getInteger("level"), "and not applied twice");
    assertEquals(3, sms.sent().size(), "nor confirmed twice");
  }

  @Test
  void aWebChatHomeownerWithThePageOpenIsToldThereAndGetsNoSmsUntilThePageIsClosed(Vertx vertx) {
    // Issue 13 point 6: pushes reach the open page; only when none is open does the SMS fallback apply, once.
    String id = harness.webChatTicket(gateway, "web-sms-open");
    try (com.furnishcare.intake.support.ChatSocketClient page =
        new com.furnishcare.intake.support.ChatSocketClient(vertx, gateway.port(), null)) {
      page.send(new JsonObject().put("type", "hello").put("conversationId", harness.conversationId("web-sms-open"))
          .put("conversationSecret", harness.conversationSecret("web-sms-open")).put("after", 0));
      page.next(f -> "welcome".equals(f.getString("type")));
      page.entriesUntilQuiet(800); // the intake so far
      status(id, "in_progress", "open-1");
      JsonObject told = page.next(f -> "entry".equals(f.getString("type")));
      assertTrue(told.getString("text").contains("处理中"), told.encode());
      Await.until("the push recorded as sent", () -> deliveries("push_sent").size() == 1);
      assertEquals(List.of(), sms.sent(), "the page was open: no SMS");
    }
    status(id, "pending", "open-2");
    Await.until("with the page closed, the SMS", () -> sms.sent().size() == 1);
    assertEquals(STATUS_TEMPLATE, sms.sent().get(0).templateId());
  }

  @Test
  void aSolvedReplyClosesTheTicket() {
    String id = harness.webChatTicket(gateway, "web-sms-2");
    status(id, "resolved", "e1");
    Await.until("resolution SMS sent", () -> sms.sent().size() == 1);
    String callback = "[" + new JsonObject().put("mobile", PHONE).put("nationcode", "86").put("sign", SIGN)
        .put("text", "1").put("time", 1795485100L).encode() + "]";
    assertEquals(200, reply(REPLY_TOKEN, callback).statusCode());
    assertEquals("closed", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
  }

  @Test
  void refusalsAreRecordedWithoutRetryAndProviderHiccupsAreRetried() {
    String id = harness.webChatTicket(gateway, "web-sms-3");
    sms.rejectNextNumber("LimitExceeded.PhoneNumberDailyLimit");
    status(id, "in_progress", "e1");
    Await.until("refusal recorded", () -> !deliveries("sms_rejected").isEmpty());
    assertTrue(deliveries("sms_rejected").get(0).detail().startsWith("LimitExceeded.PhoneNumberDailyLimit"));
    assertEquals(1, sms.calls(), "a refusal is not retried");

    sms.failNext("InternalError.Timeout");
    status(id, "resolved", "e2");
    Await.until("sent after a retry", () -> sms.sent().size() == 1);
    assertEquals(3, sms.calls());
  }

  private String wechatTicket(String openId) {
    WeChatClient wechat = harness.wechat(gateway);
    String id = GatewayHarness.wechatTicket(wechat, openId);
    wechat.close();
    return id;
  }

  @Test
  void wechatUsersReachedByACustomerServiceMessageGetNoSms() {
    status(wechatTicket("o-sms-kefu"), "in_progress", "e1");
    Await.until("kefu message sent", () -> harness.api.sent().stream().anyMatch(m -> m.openId().equals("o-sms-kefu")));
    assertTrue(deliveries("sms_sent").isEmpty() && sms.calls() == 0, "WeChat reached them");
  }

  @Test
  void wechatUsersOutsideThe48HourWindowWithoutATemplateGetTheSms() {
    String id = wechatTicket("o-sms-quiet");
    harness.api.failSendsTo("o-sms-quiet", 45015);
    status(id, "in_progress", "e1");
    Await.until("SMS instead", () -> sms.sent().size() == 1);
    assertEquals(new FakeTencentSms.Sent("+86" + PHONE, STATUS_TEMPLATE, List.of(today(), "处理中")), sms.sent().get(0));
    assertTrue(deliveries("push_rejected").stream().anyMatch(e -> e.detail().startsWith("45015")));
  }

  private static String replyItem(String text, long time) {
    return new JsonObject().put("mobile", PHONE).put("nationcode", "86").put("sign", SIGN).put("text", text)
        .put("time", time).encode();
  }

  @Test
  void aCallbackWithMoreRepliesThanAllowedIsRefusedWholeAndNothingOfItActs() {
    String id = harness.webChatTicket(gateway, "web-sms-many");
    status(id, "resolved", "e1");
    Await.until("resolution SMS sent", () -> sms.sent().size() == 1);

    List<String> items = new java.util.ArrayList<>();
    for (int i = 0; i < 101; i++) { // SMS_REPLY_MAX_ITEMS defaults to 100
      items.add(replyItem("2", 1795486000L + i));
    }
    HttpResponse<Buffer> refused = reply(REPLY_TOKEN, "[" + String.join(",", items) + "]");
    assertEquals(413, refused.statusCode());
    assertTrue(refused.bodyAsString().length() < 200, "a short answer: " + refused.bodyAsString());
    JsonObject ticket = harness.admin(gateway, "/api/tickets/" + id);
    assertEquals("resolved", ticket.getString("status"), "no reply of the refused call acted");
    assertEquals(1, ticket.getInteger("level"));

    assertEquals(200, reply(REPLY_TOKEN, "[" + String.join(",", items.subList(0, 100)) + "]").statusCode(),
        "the limit itself is accepted");
    assertEquals("unsatisfied", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
  }

  @Test
  void aDigitIsTheHomeownersMenuChoiceWhenNoResolutionQuestionIsPending() {
    String id = wechatTicket("o-sms-menu");
    status(id, "in_progress", "e1");
    Await.until("kefu status message", () -> harness.api.sentTo("o-sms-menu").size() == 1);

    assertEquals(200, reply(REPLY_TOKEN, replyItem("1", 1795487000L)).statusCode());
    // "1" on the main menu is 投诉: the bot starts a new complaint and asks for its category.
    Await.until("the bot's answer pushed", () -> harness.api.sentTo("o-sms-menu").size() == 2);
    assertTrue(harness.api.sentTo("o-sms-menu").get(1).content().contains("请问遇到的是哪类问题"),
        harness.api.sentTo("o-sms-menu").get(1).content());
    assertEquals("in_progress", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
  }

  @Test
  void aDigitIsTheHomeownersMenuChoiceOnceTheResolutionQuestionWasSetAside() {
    WeChatClient wechat = harness.wechat(gateway);
    String id = GatewayHarness.wechatTicket(wechat, "o-sms-aside");
    status(id, "resolved", "e1");
    Await.until("kefu resolution question", () -> harness.api.sentTo("o-sms-aside").size() == 1);
    // The ticket stays resolved, but the homeowner dropped the question in WeChat.
    wechat.post(WeChatClient.textXml("o-sms-aside", "aside-1", "取消"));
    wechat.post(WeChatClient.textXml("o-sms-aside", "aside-2", "是"));
    wechat.close();

    assertEquals(200, reply(REPLY_TOKEN, replyItem("1", 1795487500L)).statusCode());
    Await.until("the bot's answer pushed", () -> harness.api.sentTo("o-sms-aside").size() == 2);
    assertTrue(harness.api.sentTo("o-sms-aside").get(1).content().contains("请问遇到的是哪类问题"),
        harness.api.sentTo("o-sms-aside").get(1).content());
    assertEquals("resolved", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
  }

  @Test
  void anSmsReplyIntoAWeChatConversationIsPushedToTheHomeownerWhole() {
    String id = wechatTicket("o-sms-push");
    status(id, "resolved", "e1");
    Await.until("kefu resolution question", () -> harness.api.sentTo("o-sms-push").size() == 1);

    assertEquals(200, reply(REPLY_TOKEN, replyItem("没解决", 1795488000L)).statusCode());
    assertEquals("unsatisfied", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
    Await.until("the bot's answer pushed", () -> harness.api.sentTo("o-sms-push").size() == 2);
    String told = harness.api.sentTo("o-sms-push").get(1).content();
    assertTrue(told.contains("工单 " + id + " 已重新打开"), told);
    assertEquals(0, sms.calls(), "WeChat reached them: no SMS");
  }

  @Test
  void whenWeChatRefusesThePushTheOutcomeOfAnSmsReplyIsConfirmedBySms() {
    String id = wechatTicket("o-sms-refused");
    harness.api.failSendsTo("o-sms-refused", 45015);
    status(id, "resolved", "e1");
    Await.until("resolution SMS sent", () -> sms.sent().size() == 1);
    assertEquals(RESOLUTION_TEMPLATE, sms.sent().get(0).templateId());

    assertEquals(200, reply(REPLY_TOKEN, replyItem("1", 1795489000L)).statusCode());
    assertEquals("closed", harness.admin(gateway, "/api/tickets/" + id).getString("status"));
    Await.until("outcome confirmed by SMS", () -> sms.sent().size() == 2);
    assertEquals(new FakeTencentSms.Sent("+86" + PHONE, STATUS_TEMPLATE, List.of(today(), "已关闭")), sms.sent().get(1));
  }

  @Test
  void theReplyCallbackNeedsItsTokenAndAWellFormedBody() {
    assertEquals(404, reply("wrong-token-0123456789", "{}").statusCode());
    HttpResponse<Buffer> bad = reply(REPLY_TOKEN, "{\"mobile\":\"12345\",\"nationcode\":\"86\",\"text\":\"2\"}");
    assertEquals(400, bad.statusCode());
    assertEquals(1, bad.bodyAsJsonObject().getInteger("result"));
    for (String malformed : List.of("not json", "{\"mobile\": ", "[1, {")) {
      HttpResponse<Buffer> refused = reply(REPLY_TOKEN, malformed);
      assertEquals(400, refused.statusCode());
      for (String internal : List.of("Failed to decode", "Unexpected", "line:", "column", "Jackson", "token")) {
        assertFalse(refused.bodyAsString().contains(internal), "the parser's words leaked: " + refused.bodyAsString());
      }
    }
    HttpResponse<Buffer> stranger = reply(REPLY_TOKEN,
        "{\"mobile\":\"13900000000\",\"nationcode\":\"86\",\"text\":\"你好\",\"time\":1}");
    assertEquals(200, stranger.statusCode(), "a reply from a number without tickets is acknowledged and dropped");
  }
}
