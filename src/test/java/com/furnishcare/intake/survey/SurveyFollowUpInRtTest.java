package com.furnishcare.intake.survey;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.AgentClient;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.FakeWeChatApi;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RequestTracker;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 point 7, each way a low answer can come in, whole: an installation event from the order system,
 * the survey (in the WeChat chat; as a template message opening the survey page; as an SMS with the page
 * code), a low answer (a chat reply; a tap on the page, through the page's own HTTP API; an SMS digit
 * through the reply callback), and the follow-up ticket in the agents' queue, the admin API and a real
 * Request Tracker, with the visit's dealer and installer. A retried dispatch sends nothing twice.
 *
 * <p>Point 8: each case prints {@code FIGURE survey-followup path=… toQueue=…ms toRt=…ms}, the time from the
 * low answer reaching the gateway to the ticket being in the queue (polled every 5 ms) and in RT (RT has
 * answered the relay's create; outbox relay every 100 ms). Measured, never asserted.
 */
@ExtendWith(VertxExtension.class)
class SurveyFollowUpInRtTest {

  private static final String TEMPLATE = "TPL-SURVEY-RT";
  private static final String PUBLIC_URL = "https://service.brand.com";
  private static final Pattern CODE = Pattern.compile("[2-9A-HJ-NP-Z]{6}");
  private static final String SMS_SECRET_ID = "AKIDtestsecretid0015";
  private static final String SMS_SECRET_KEY = "test-secret-key-survey-0015";
  private static final String SMS_APP_ID = "1400000015";
  private static final String SMS_SIGN = "家居售后";
  private static final String STATUS_TEMPLATE = "3000101";
  private static final String LINK_TEMPLATE = "3000102";
  private static final String SURVEY_TEMPLATE = "3000103";
  private static final String REPLY_TOKEN = "reply-token-survey-rt-15";
  private static final List<AgentClient.Account> DEALERS = List.of(
      new AgentClient.Account("d0571", "西湖店小周", "dealer", "D0571", "dealer-password-0571"),
      new AgentClient.Account("d0010", "朝阳店小李", "dealer", "D0010", "dealer-password-0010"));

  private static RequestTracker rt;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRt() throws Exception {
    if (!RequestTracker.installed()) {
      throw new IllegalStateException("Request Tracker is not installed: run scripts/test-all.sh, which installs it");
    }
    rt = RequestTracker.start();
    rt.warmUp(); // the figures are the gateway's and a running RT's, not RT's first use
  }

  @AfterAll
  static void stopRt() throws Exception {
    rt.close();
  }

  /** The gateway filing into the real RT, relaying every 100 ms; dealer staff of D0571 and D0010. */
  private TestConfig config(GatewayHarness harness) throws Exception {
    return TestConfig.embedded(dataDir).api(harness.api).with("TICKET_SINK", "rt")
        .with("RT_URL", rt.url()).with("RT_USER", "root").with("RT_PASSWORD", "password")
        .with("OUTBOX_RELAY_INTERVAL_MS", "100").with("RT_POLL_INTERVAL_MS", "600000")
        .with("AGENTS_FILE", AgentClient.agentsFile(dataDir, DEALERS).toString());
  }

  @Test
  void anInstallationEventsLowScoreReachesTheQueueAndRequestTracker(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(harness));
      WebClient http = WebClient.create(vertx);
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-survey-rt";
      wechat.post(WeChatClient.textXml(openId, "6600001", "你好"), WeChatClient.Mode.AES);
      JsonObject event = new JsonObject().put("eventId", "install-rt-1").put("survey", "post-installation")
          .put("orderNo", "DD2026110301").put("wechatOpenId", openId).put("customerName", "王芳")
          .put("dealer", "D0571").put("installer", "李师傅").put("serviceAt", "2026-12-01T15:30:00+08:00");
      assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 0), dispatch(http, gateway, event));
      await(gateway.surveyDispatcher().runOnce());
      Await.until("the survey in the chat", () -> harness.api.sentTo(openId).stream()
          .anyMatch(m -> m.content().contains("1-5分")));

      // The order system sends the same event again: nothing more goes out.
      int asked = harness.api.sentTo(openId).size();
      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), dispatch(http, gateway, event));
      await(gateway.surveyDispatcher().runOnce());
      assertEquals(asked, harness.api.sentTo(openId).size(), "a retried dispatch asks nothing twice");
      assertEquals(List.of(), harness.api.templateMessages());

      long answered = System.nanoTime();
      String envelope = wechat.post(WeChatClient.textXml(openId, "6600002", "太差了"), WeChatClient.Mode.AES)
          .bodyAsString();
      long toQueue = millisSince(answered, "the follow-up in the agents' queue", 5,
          () -> await(gateway.stores().agentQueue().get("wechat:" + openId)).isPresent());
      String said = wechat.decryptReply(envelope, GatewayHarness.fields(envelope));
      JsonObject ticket = harness.admin(gateway, "/api/tickets?channel=wechat&userId=" + openId).getJsonArray("items")
          .getJsonObject(0);
      String id = ticket.getString("id");
      long toRt = millisSince(answered, "RT's answer to the follow-up's create", 5,
          () -> await(gateway.stores().outbox().stats()).pending() == 0);
      long found = millisSince(answered, "the follow-up in Request Tracker", 100, () -> inRt(id));
      figure("chat", toQueue, toRt, found, id);
      assertTrue(said.contains(id), said);
      assertEquals("D0571", ticket.getString("dealer"), "the visit's dealer");
      assertEquals("李师傅", ticket.getString("installer"), "the visit's installer");
      assertEquals("service_attitude", ticket.getString("category"), "the question's category");
      assertEquals("安装师傅的服务态度您满意吗？ 1/5 太差了", ticket.getString("description"));
      assertTrue(await(gateway.stores().agentQueue().get("wechat:" + openId)).isPresent(), "in the agents' queue");
      JsonObject queued = queued(AgentClient.login(gateway.port(), "d0571", "dealer-password-0571"), "wechat:" + openId);
      assertEquals("D0571", queued.getString("dealer"), queued.encode());
      String inRt = rt.plainText(rt.rtIdOf(id).orElseThrow());
      assertTrue(inRt.contains("安装师傅：李师傅") && inRt.contains("经销商：杭州西湖体验店 (D0571)")
          && inRt.contains("安装师傅的服务态度您满意吗？ 1/5 太差了"), inRt);
      wechat.close();
      http.close();
    }
  }

  /**
   * A follower who never wrote to us (no 48-hour window: customer-service messages to them are refused)
   * gets the template message; a 2 for the installer's attitude on the page files the follow-up in their
   * own WeChat conversation, routed to the visit's dealer, and the page says someone will contact them.
   */
  @Test
  void aLowScoreOnTheTemplateMessagesPageReachesTheQueueAndRequestTracker(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      harness.api.ownsTemplate(TEMPLATE);
      Gateway gateway = harness.start(config(harness).with("GATEWAY_PUBLIC_URL", PUBLIC_URL)
          .with("SURVEY_WECHAT_TEMPLATE_ID", TEMPLATE));
      WebClient http = WebClient.create(vertx);
      String openId = "o-survey-page-rt";
      harness.api.failSendsTo(openId, 45015); // outside the window, as WeChat says it
      JsonObject event = new JsonObject().put("eventId", "install-rt-page").put("survey", "post-installation")
          .put("orderNo", "DD2026110302").put("wechatOpenId", openId).put("phone", "13800138015")
          .put("customerName", "陈静").put("dealer", "D0571").put("installer", "赵师傅")
          .put("serviceAt", "2026-12-01T10:00:00+08:00");
      assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 0), dispatch(http, gateway, event));
      Await.until("the template message", () -> {
        await(gateway.surveyDispatcher().runOnce());
        return !harness.api.templateMessages().isEmpty();
      });
      List<FakeWeChatApi.Template> sent = harness.api.templateMessages();
      assertEquals(1, sent.size(), sent.toString());
      FakeWeChatApi.Template invitation = sent.get(0);
      assertEquals(openId, invitation.openId());
      assertEquals(TEMPLATE, invitation.templateId());
      assertEquals(Map.of(
          "first", "您好！您家的定制家具已安装完成，辛苦您花1分钟给这次安装打个分，帮助我们做得更好。",
          "keyword1", "DD2026110302",
          "keyword2", "安装服务满意度回访",
          "keyword3", "2026-12-01",
          "remark", "点击本消息填写问卷，您的评价对我们很重要。"), invitation.data());
      assertTrue(invitation.url().startsWith(PUBLIC_URL + "/s/"), invitation.url());
      String code = invitation.url().substring((PUBLIC_URL + "/s/").length());
      assertTrue(CODE.matcher(code).matches(), invitation.url());

      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), dispatch(http, gateway, event));
      await(gateway.surveyDispatcher().runOnce());
      assertEquals(1, harness.api.templateMessages().size(), "a retried dispatch invites once");
      assertEquals(List.of(), harness.api.sentTo(openId), "nothing in the chat either");

      // The page and the JSON it reads, as survey.js reads them.
      HttpResponse<Buffer> page = await(http.get(gateway.port(), "127.0.0.1", "/s/" + code).send());
      assertEquals(200, page.statusCode());
      assertTrue(page.bodyAsString().contains("/survey/survey.js"));
      JsonObject survey = await(http.get(gateway.port(), "127.0.0.1", "/s/" + code + "/survey").send())
          .bodyAsJsonObject();
      JsonObject attitude = survey.getJsonArray("questions").getJsonObject(0);
      assertEquals("attitude", attitude.getString("id"));
      assertEquals("安装师傅的服务态度您满意吗？", attitude.getString("text"), "the page's question, without the chat's"
          + " reply instruction");

      long answered = System.nanoTime();
      HttpResponse<Buffer> answer = post(http, gateway, "/s/" + code + "/answers",
          new JsonObject().put("questionId", "attitude").put("value", 2));
      long toQueue = millisSince(answered, "the follow-up in the agents' queue", 5,
          () -> await(gateway.stores().agentQueue().get("wechat:" + openId)).isPresent());
      assertEquals(200, answer.statusCode(), answer.bodyAsString());
      JsonArray tickets = harness.admin(gateway, "/api/tickets?orderNo=DD2026110302").getJsonArray("items");
      assertEquals(1, tickets.size(), tickets.encodePrettily());
      JsonObject ticket = tickets.getJsonObject(0);
      String id = ticket.getString("id");
      long toRt = millisSince(answered, "RT's answer to the follow-up's create", 5,
          () -> await(gateway.stores().outbox().stats()).pending() == 0);
      long found = millisSince(answered, "the follow-up in Request Tracker", 100, () -> inRt(id));
      figure("page", toQueue, toRt, found, id);

      // The page tells the homeowner at once (WeChat will not carry it outside the window), and on submit.
      String contact = "非常抱歉这次没有让您满意。您的反馈已转给专人，我们会尽快联系您处理。";
      assertEquals(new JsonObject().put("saved", true).put("followUp", contact), answer.bodyAsJsonObject());

      assertEquals("wechat", ticket.getString("channel"), "the homeowner's own conversation");
      assertEquals(openId, ticket.getString("userId"));
      assertEquals("D0571", ticket.getString("dealer"), "the visit's dealer");
      assertEquals("赵师傅", ticket.getString("installer"), "the visit's installer");
      assertEquals("13800138015", ticket.getString("phone"));
      assertEquals("service_attitude", ticket.getString("category"));
      assertTrue(ticket.getBoolean("needsAgent"));
      assertEquals("安装师傅的服务态度您满意吗？ 2/5", ticket.getString("description"));
      assertEquals(id, await(gateway.stores().agentQueue().get("wechat:" + openId)).orElseThrow().ticketId()
          .orElseThrow());
      // Dealer staff: the visit's dealer sees the case, another dealer does not.
      JsonObject queued = queued(AgentClient.login(gateway.port(), "d0571", "dealer-password-0571"), "wechat:" + openId);
      assertEquals("D0571", queued.getString("dealer"), queued.encode());
      assertFalse(AgentClient.login(gateway.port(), "d0010", "dealer-password-0010").get("/api/agent/queue").body()
          .encode().contains(openId), "another dealer's staff see nothing of it");

      String inRt = rt.plainText(rt.rtIdOf(id).orElseThrow());
      assertTrue(inRt.contains("安装师傅：赵师傅") && inRt.contains("经销商：杭州西湖体验店 (D0571)"), inRt);
      assertFalse(inRt.contains("请回复"), "the chat's reply instruction is no part of the ticket: " + inRt);

      HttpResponse<Buffer> submitted = post(http, gateway, "/s/" + code + "/submit", new JsonObject());
      assertEquals(200, submitted.statusCode(), submitted.bodyAsString());
      assertEquals(contact, submitted.bodyAsJsonObject().getString("closing"));
      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), dispatch(http, gateway, event));
      await(gateway.surveyDispatcher().runOnce());
      assertEquals(1, harness.api.templateMessages().size(), "nor after the answers");
      assertEquals(1, harness.admin(gateway, "/api/tickets?orderNo=DD2026110302").getJsonArray("items").size());
      http.close();
    }
  }

  /**
   * A homeowner known only by phone gets the SMS with the page code; a "2" sent back through the reply
   * callback answers the first question and files the follow-up in the phone's web chat, whose link is
   * sent by SMS once; the ticket carries the phone, dealer and installer into the queue and RT.
   */
  @Test
  void aLowDigitBySmsReachesTheQueueAndRequestTracker(Vertx vertx) throws Exception {
    FakeTencentSms sms = await(new FakeTencentSms(SMS_SECRET_ID, SMS_SECRET_KEY, SMS_APP_ID, SMS_SIGN)
        .approve(STATUS_TEMPLATE, 2).approve(LINK_TEMPLATE, 1).approve(SURVEY_TEMPLATE, 1).start(vertx));
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(harness).sms(sms).with("SMS_STATUS_TEMPLATE_ID", STATUS_TEMPLATE)
          .with("SMS_REPLY_TOKEN", REPLY_TOKEN).with("SMS_CHAT_LINK_TEMPLATE_ID", LINK_TEMPLATE)
          .with("SURVEY_SMS_TEMPLATE_ID", SURVEY_TEMPLATE).with("GATEWAY_PUBLIC_URL", PUBLIC_URL));
      WebClient http = WebClient.create(vertx);
      String phone = "13700137015";
      JsonObject event = new JsonObject().put("eventId", "install-rt-sms").put("survey", "post-installation")
          .put("orderNo", "DD2026110303").put("phone", phone).put("customerName", "刘洋").put("dealer", "D0571")
          .put("installer", "孙师傅").put("serviceAt", "2026-12-01T14:00:00+08:00");
      assertEquals(new JsonObject().put("accepted", 1).put("duplicates", 0), dispatch(http, gateway, event));
      Await.until("the survey SMS", () -> {
        await(gateway.surveyDispatcher().runOnce());
        return !sms.sent().isEmpty();
      });
      assertEquals(1, sms.sent().size(), sms.sent().toString());
      FakeTencentSms.Sent invitation = sms.sent().get(0);
      assertEquals(phone, invitation.phone().replaceFirst("^\\+86", ""));
      assertEquals(SURVEY_TEMPLATE, invitation.templateId());
      assertEquals(1, invitation.params().size(), invitation.toString());
      String code = invitation.params().get(0);
      assertTrue(code.length() <= FakeTencentSms.MAX_PARAM_CHARS && CODE.matcher(code).matches(), code);
      // The code opens the page at /s/<code> (the approved template's text holds the link's prefix).
      assertEquals(200, await(http.get(gateway.port(), "127.0.0.1", "/s/" + code).send()).statusCode());
      JsonObject survey = await(http.get(gateway.port(), "127.0.0.1", "/s/" + code + "/survey").send())
          .bodyAsJsonObject();
      assertEquals("安装服务满意度回访", survey.getString("title"));
      assertEquals("scale", survey.getJsonArray("questions").getJsonObject(0).getString("type"),
          "the first question takes the one digit the SMS invites");

      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), dispatch(http, gateway, event));
      await(gateway.surveyDispatcher().runOnce());
      assertEquals(1, sms.sent().size(), "a retried dispatch texts once");

      long answered = System.nanoTime();
      HttpResponse<Buffer> callback = await(http.post(gateway.port(), "127.0.0.1",
          "/sms/tencent/" + REPLY_TOKEN + "/replies").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(new JsonObject().put("extend", "").put("mobile", phone).put("nationcode", "86")
              .put("sign", SMS_SIGN).put("text", "2").put("time", System.currentTimeMillis() / 1000).encode())));
      long[] toQueue = new long[1];
      JsonObject[] filed = new JsonObject[1];
      toQueue[0] = millisSince(answered, "the follow-up in the agents' queue", 5, () -> {
        JsonArray items = harness.admin(gateway, "/api/tickets?orderNo=DD2026110303").getJsonArray("items");
        if (items.isEmpty()) {
          return false;
        }
        filed[0] = items.getJsonObject(0);
        return await(gateway.stores().agentQueue().get("webchat:" + filed[0].getString("userId"))).isPresent();
      });
      assertEquals(200, callback.statusCode(), callback.bodyAsString());
      JsonObject ticket = filed[0];
      String id = ticket.getString("id");
      long toRt = millisSince(answered, "RT's answer to the follow-up's create", 5,
          () -> await(gateway.stores().outbox().stats()).pending() == 0);
      long found = millisSince(answered, "the follow-up in Request Tracker", 100, () -> inRt(id));
      figure("sms", toQueue[0], toRt, found, id);

      assertEquals(1, harness.admin(gateway, "/api/tickets?orderNo=DD2026110303").getJsonArray("items").size());
      assertEquals("webchat", ticket.getString("channel"), "the phone's web chat");
      assertEquals(phone, ticket.getString("phone"));
      assertEquals("D0571", ticket.getString("dealer"));
      assertEquals("孙师傅", ticket.getString("installer"));
      assertEquals("service_attitude", ticket.getString("category"));
      assertEquals("安装师傅的服务态度您满意吗？ 2/5", ticket.getString("description"),
          "what the digit answered, not a bare \"2\"");
      queued(AgentClient.login(gateway.port(), "d0571", "dealer-password-0571"), "webchat:" + ticket.getString("userId"));

      // The homeowner is sent the link to that web chat, where the follow-up's words are: once.
      Await.until("the web chat's link by SMS", () -> sms.sent().size() == 2);
      FakeTencentSms.Sent link = sms.sent().get(1);
      assertEquals(LINK_TEMPLATE, link.templateId());
      assertEquals(200, await(http.get(gateway.port(), "127.0.0.1", "/c/" + link.params().get(0)).send()).statusCode(),
          "the link opens the conversation");

      String inRt = rt.plainText(rt.rtIdOf(id).orElseThrow());
      assertTrue(inRt.contains("安装师傅：孙师傅") && inRt.contains("经销商：杭州西湖体验店 (D0571)")
          && inRt.contains(phone), inRt);

      assertEquals(new JsonObject().put("accepted", 0).put("duplicates", 1), dispatch(http, gateway, event));
      await(gateway.surveyDispatcher().runOnce());
      assertEquals(2, sms.sent().size(), "nothing more after the answer either");
      http.close();
    } finally {
      await(sms.stop());
    }
    assertEquals(List.of(), sms.problems());
  }

  private static JsonObject dispatch(WebClient http, Gateway gateway, JsonObject event) {
    HttpResponse<Buffer> r = await(http.post(gateway.port(), "127.0.0.1", "/api/surveys/dispatch")
        .putHeader("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(event.encode())));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> post(WebClient http, Gateway gateway, String uri, JsonObject body) {
    return await(http.post(gateway.port(), "127.0.0.1", uri).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body.encode())));
  }

  private static JsonObject queued(AgentClient agent, String conversation) {
    AgentClient.Answer queue = agent.get("/api/agent/queue");
    assertEquals(200, queue.status(), queue.body().encode());
    return queue.body().getJsonArray("cases").stream().map(JsonObject.class::cast)
        .filter(c -> conversation.equals(c.getString("conversation"))).findFirst()
        .orElseThrow(() -> new AssertionError(conversation + " not in the dealer's queue: " + queue.body().encode()));
  }

  private static boolean inRt(String ticketId) {
    try {
      return rt.rtIdOf(ticketId).isPresent();
    } catch (Exception e) {
      return false;
    }
  }

  /** Milliseconds from {@code start} until the condition holds, polled every {@code everyMs} (30 s at most). */
  private static long millisSince(long start, String what, long everyMs, BooleanSupplier condition)
      throws InterruptedException {
    long end = start + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      }
      Thread.sleep(everyMs);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }

  /**
   * The figure: toRt is when RT answered the create (the relay's outbox has nothing pending; polled every
   * 5 ms), then when a search found it (polled every 100 ms, each search taking as long as the last one here).
   */
  private static void figure(String path, long toQueue, long toRt, long found, String ticketId) throws Exception {
    long searching = System.nanoTime();
    rt.rtIdOf(ticketId).orElseThrow();
    System.out.printf("FIGURE survey-followup path=%s toQueue=%dms toRt=%dms (found by an RT search at %dms;"
        + " one search %dms)%n", path, toQueue, toRt, found, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - searching));
  }
}
