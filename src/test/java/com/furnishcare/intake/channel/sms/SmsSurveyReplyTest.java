package com.furnishcare.intake.channel.sms;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMS replies to a survey sent by SMS, through the real reply callback and the fake Tencent SMS: a digit is
 * the first question's answer (a low one files a follow-up for a person in the phone's web chat, whose link
 * is sent once); 退订 / TD stops surveys to the number for good, with nothing sent back. And in the chat: TD
 * without a survey running opts the follower out too.
 */
@ExtendWith(VertxExtension.class)
class SmsSurveyReplyTest {

  private static final String SECRET_ID = "AKIDtestsecretid0007";
  private static final String SECRET_KEY = "test-secret-key-survey-0007";
  private static final String APP_ID = "1400000007";
  private static final String SIGN = "家居售后";
  private static final String STATUS_TEMPLATE = "3000001";
  private static final String LINK_TEMPLATE = "3000002";
  private static final String SURVEY_TEMPLATE = "3000003";
  private static final String REPLY_TOKEN = "reply-token-survey-0123";

  @TempDir
  Path dataDir;
  private FakeTencentSms sms;
  private GatewayHarness harness;
  private Gateway gateway;
  private WebClient http;

  private void start(Vertx vertx) {
    sms = await(new FakeTencentSms(SECRET_ID, SECRET_KEY, APP_ID, SIGN).approve(STATUS_TEMPLATE, 2)
        .approve(LINK_TEMPLATE, 1).approve(SURVEY_TEMPLATE, 1).start(vertx));
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).sms(sms)
        .with("SMS_STATUS_TEMPLATE_ID", STATUS_TEMPLATE).with("SMS_REPLY_TOKEN", REPLY_TOKEN)
        .with("SMS_CHAT_LINK_TEMPLATE_ID", LINK_TEMPLATE).with("SURVEY_SMS_TEMPLATE_ID", SURVEY_TEMPLATE)
        .with("SURVEY_MIN_INTERVAL_DAYS", "0").with("SURVEY_RATE_PER_S", "100"));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.close();
      harness.close();
      await(sms.stop());
      assertEquals(List.of(), sms.problems());
    }
  }

  private void reply(String mobile, String text, long time) {
    String body = new JsonObject().put("extend", "").put("mobile", mobile).put("nationcode", "86").put("sign", SIGN)
        .put("text", text).put("time", time).encode();
    HttpResponse<Buffer> r = await(http.post(gateway.port(), "127.0.0.1", "/sms/tencent/" + REPLY_TOKEN + "/replies")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
  }

  /** A post-installation survey for a homeowner known only by phone (or only by WeChat), sent now. */
  private SurveyOutcome surveyed(String eventId, Optional<String> phone, Optional<String> openId) {
    return surveyed(eventId, "post-installation", phone, openId);
  }

  private SurveyOutcome surveyed(String eventId, String survey, Optional<String> phone, Optional<String> openId) {
    Instant now = Instant.now();
    await(gateway.stores().surveys().accept(new SurveyJob(eventId, survey, "DD2026121" + eventId.length(),
        phone, openId, Optional.of("王芳"), Optional.of("D0571"), Optional.of("李师傅"), now, now, now)));
    await(gateway.surveyDispatcher().runOnce());
    Await.until("survey " + eventId + " handled", () -> await(gateway.stores().surveys().outcome(eventId)).isPresent());
    return await(gateway.stores().surveys().outcome(eventId)).orElseThrow();
  }

  private long sentWith(String template) {
    return sms.sent().stream().filter(s -> s.templateId().equals(template)).count();
  }

  @Test
  void aLowDigitIsTheFirstAnswerAndAPersonFollowsUpInThePhonesWebChat(Vertx vertx) {
    start(vertx);
    String phone = "13700137001";
    assertEquals(SurveyOutcome.sent("sms"), surveyed("sms-low", Optional.of(phone), Optional.empty()));
    assertEquals(1, sentWith(SURVEY_TEMPLATE), "the invitation, with the page code");

    reply(phone, "2", 1_000);
    SurveyResponse response = await(gateway.stores().surveys().response("sms-low")).orElseThrow();
    assertEquals("sms", response.channel());
    SurveyAnswer first = response.answers().get(0);
    assertEquals("attitude", first.questionId(), "the first question");
    assertEquals(Optional.of(2), first.score());

    JsonArray tickets = harness.admin(gateway, "/api/tickets?orderNo=DD2026121" + "sms-low".length())
        .getJsonArray("items");
    assertEquals(1, tickets.size(), "a follow-up ticket: " + tickets.encode());
    JsonObject ticket = tickets.getJsonObject(0);
    assertTrue(ticket.getBoolean("needsAgent"));
    assertEquals(phone, ticket.getString("phone"));
    assertEquals("webchat", ticket.getString("channel"));
    assertEquals("安装师傅的服务态度您满意吗？ 2/5", ticket.getString("description"),
        "the question the digit answered, not a bare \"2\"");
    String conversation = ticket.getString("userId");
    var queued = await(gateway.stores().agentQueue().get("webchat:" + conversation)).orElseThrow();
    assertEquals(Optional.of(ticket.getString("id")), queued.ticketId(), "waiting for a person");
    assertTrue(queued.firstResponseDue().isBefore(Instant.now().plusSeconds(3601)), "within the hour");
    Await.until("the web chat's link sent once", () -> sentWith(LINK_TEMPLATE) == 1);

    reply(phone, "2", 1_000);
    reply(phone, "4", 2_000);
    assertEquals(List.of(first), await(gateway.stores().surveys().response("sms-low")).orElseThrow().answers(),
        "answered once: a callback delivered twice is one answer, a later digit is no answer to it");
    assertEquals(1, harness.admin(gateway, "/api/tickets?orderNo=DD2026121" + "sms-low".length())
        .getJsonArray("items").size(), "one follow-up");
  }

  @Test
  void aDigitAnswersTheFirstScoreQuestionOfASurveyOpeningWithYesOrNo(Vertx vertx) {
    start(vertx);
    String phone = "13700137004";
    assertEquals(SurveyOutcome.sent("sms"), surveyed("sms-repair", "post-repair", Optional.of(phone), Optional.empty()));
    reply(phone, "2", 1_000);
    SurveyAnswer answer = await(gateway.stores().surveys().response("sms-repair")).orElseThrow().answers().get(0);
    assertEquals("speed", answer.questionId(), "post-repair opens with 修好了吗 (yes/no); the digit is its first score");
    assertEquals(Optional.of(2), answer.score());
    JsonArray tickets = harness.admin(gateway, "/api/tickets?orderNo=DD2026121" + "sms-repair".length())
        .getJsonArray("items");
    assertEquals(1, tickets.size(), tickets.encode());
    assertEquals("您对这次维修的及时性满意吗？ 2/5", tickets.getJsonObject(0).getString("description"));
  }

  @Test
  void aHighDigitIsSavedAloneAndTdStopsSurveysToTheNumberForGood(Vertx vertx) {
    start(vertx);
    String phone = "13700137002";
    assertEquals(SurveyOutcome.sent("sms"), surveyed("sms-high", Optional.of(phone), Optional.empty()));
    reply(phone, "５", 1_000);
    assertEquals(Optional.of(5), await(gateway.stores().surveys().response("sms-high")).orElseThrow().answers().get(0)
        .score(), "a full-width digit too");
    assertEquals(0, harness.admin(gateway, "/api/tickets?orderNo=DD2026121" + "sms-high".length())
        .getJsonArray("items").size(), "a satisfied homeowner needs nobody");

    int before = sms.sent().size();
    reply(phone, "TD", 2_000);
    assertTrue(await(gateway.stores().surveys().optedOut("phone:" + phone)));
    assertEquals(before, sms.sent().size(), "nothing sent back: no approved template says it");
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.OPTED_OUT), surveyed("sms-after-td", Optional.of(phone),
        Optional.empty()));
    assertEquals(before, sms.sent().size(), "no survey after 退订");
    reply("13700137003", "退订", 3_000);
    assertTrue(await(gateway.stores().surveys().optedOut("phone:13700137003")), "before any survey, too");
  }

  @Test
  void tdInTheChatWithoutASurveyRunningOptsTheFollowerOut(Vertx vertx) {
    start(vertx);
    WeChatClient wechat = harness.wechat(gateway);
    String openId = "o-td-no-survey";
    String answer = GatewayHarness.content(wechat.post(WeChatClient.textXml(openId, "880001", "TD")).bodyAsString());
    assertTrue(answer.contains("不再向您发送满意度回访"), answer);
    assertTrue(await(gateway.stores().surveys().optedOut("wechat:" + openId)));
    assertEquals(SurveyOutcome.of(SurveyOutcome.Kind.OPTED_OUT), surveyed("wx-after-td", Optional.empty(),
        Optional.of(openId)));
    String menu = GatewayHarness.content(wechat.post(WeChatClient.textXml(openId, "880002", "你好")).bodyAsString());
    assertFalse(menu.contains("不再向您发送"), "other words still go to the bot: " + menu);
    wechat.close();
  }
}
