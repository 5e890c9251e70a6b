package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import io.vertx.junit5.VertxExtension;

/** The survey page's HTTP side: {@code /s/{code}}, its survey, answers and submit, on a running gateway. */
@ExtendWith(VertxExtension.class)
class SurveyPageApiTest {

  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Gateway gateway;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx) {
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    harness.close();
  }

  /** A job as the dispatcher keeps it, and a live code for its page. */
  private String code(String id, String survey, String phone, String openId, Instant expiresAt) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SurveyJob job = new SurveyJob(id, survey, "DD" + id, Optional.ofNullable(phone), Optional.ofNullable(openId),
        Optional.of("王芳"), Optional.of("杭州西湖体验店"), Optional.of("李师傅"), now.minus(Duration.ofHours(2)), now, now);
    assertTrue(await(gateway.stores().surveys().accept(job)));
    return await(gateway.stores().surveys().issueCode(id, expiresAt));
  }

  private String code(String id, String survey, String phone, String openId) {
    return code(id, survey, phone, openId, Instant.now().plus(Duration.ofDays(7)));
  }

  private HttpResponse<Buffer> get(String uri) {
    return await(http.get(gateway.port(), "127.0.0.1", uri).send());
  }

  private HttpResponse<Buffer> post(String uri, JsonObject body) {
    return await(http.post(gateway.port(), "127.0.0.1", uri).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body.encode())));
  }

  private HttpResponse<Buffer> answer(String code, String question, Object value) {
    return post("/s/" + code + "/answers", new JsonObject().put("questionId", question).put("value", value));
  }

  private JsonArray tickets(String orderNo) {
    return harness.admin(gateway, "/api/tickets?orderNo=" + orderNo).getJsonArray("items");
  }

  private Optional<HandoffCase> queued(String conversation) {
    return await(gateway.stores().agentQueue().get(conversation));
  }

  @Test
  void answersAreCheckedKeptAsGivenAndSubmittedOnce() {
    String code = code("ev-page-1", "post-installation", "13800138000", "o-page-1");

    HttpResponse<Buffer> page = get("/s/" + code);
    assertEquals(200, page.statusCode());
    assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"), page.headers().toString());
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    assertTrue(page.bodyAsString().contains("/survey/survey.js"));
    assertEquals(200, get("/s/" + code.toLowerCase(java.util.Locale.ROOT)).statusCode(), "codes are read case-blind");
    assertEquals(200, get("/survey/survey.js").statusCode());
    assertEquals(200, get("/survey/survey.css").statusCode());

    JsonObject survey = get("/s/" + code + "/survey").bodyAsJsonObject();
    assertEquals("安装服务满意度回访", survey.getString("title"));
    assertFalse(survey.getBoolean("completed"));
    assertEquals(new JsonObject(), survey.getJsonObject("answers"));
    // The page's own buttons say how to answer: the chat's "请回复1-5分" is not shown there.
    JsonObject attitude = survey.getJsonArray("questions").getJsonObject(0);
    assertEquals("安装师傅的服务态度您满意吗？", attitude.getString("text"));
    for (Object q : survey.getJsonArray("questions")) {
      String text = ((JsonObject) q).getString("text");
      assertFalse(text.matches(".*(请回复|回复“).*"), "a chat instruction on the page: " + text);
    }
    JsonObject why = survey.getJsonArray("questions").getJsonObject(1);
    assertEquals("attitude-why", why.getString("id"));
    assertEquals(new JsonObject().put("question", "attitude").put("test", "at_most").put("number", 3).put("label", ""),
        why.getJsonObject("askIf"));

    // Checked against the survey: a score in range, a known question, a question that is asked, text ≤ 1000.
    assertEquals(400, answer(code, "attitude", 6).statusCode());
    assertEquals(400, answer(code, "attitude", 0).statusCode());
    assertEquals(400, answer(code, "attitude", "5").statusCode());
    assertEquals(400, answer(code, "attitude", 4.5).statusCode());
    assertEquals(400, answer(code, "recommend", 11).statusCode());
    assertEquals(400, answer(code, "no-such-question", 5).statusCode());
    assertEquals(400, answer(code, "comments", "").statusCode());
    assertEquals(400, answer(code, "comments", "好".repeat(1001)).statusCode());
    assertEquals(400, post("/s/" + code + "/answers", new JsonObject().put("value", 5)).statusCode());
    assertEquals(400, await(http.post(gateway.port(), "127.0.0.1", "/s/" + code + "/answers")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json"))).statusCode());
    assertEquals(415, await(http.post(gateway.port(), "127.0.0.1", "/s/" + code + "/answers")
        .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("{}"))).statusCode());
    assertEquals(400, post("/s/" + code + "/submit", new JsonObject()).statusCode(), "nothing answered yet");

    // Partial answers are kept; the why-question is taken only after a low score.
    HttpResponse<Buffer> five = answer(code, "attitude", 5);
    assertEquals(200, five.statusCode());
    assertEquals(new JsonObject().put("saved", true), five.bodyAsJsonObject(), "nobody needs to call");
    assertEquals(400, answer(code, "attitude-why", "师傅迟到").statusCode(), "not asked after a 5");
    assertEquals(200, answer(code, "comments", "好".repeat(1000)).statusCode());
    assertEquals(new JsonObject().put("attitude", 5).put("comments", "好".repeat(1000)),
        get("/s/" + code + "/survey").bodyAsJsonObject().getJsonObject("answers"));
    assertEquals(List.of(), tickets("DDev-page-1").getList(), "a 5 calls for nobody");

    // A low score: the chat's follow-up — a ticket for a person, the homeowner queued — once per response.
    String contact = "非常抱歉这次没有让您满意。您的反馈已转给专人，我们会尽快联系您处理。";
    HttpResponse<Buffer> two = answer(code, "professionalism", 2);
    assertEquals(200, two.statusCode());
    assertEquals(new JsonObject().put("saved", true).put("followUp", contact), two.bodyAsJsonObject(),
        "the page says at once that someone will contact them");
    assertEquals(contact, get("/s/" + code + "/survey").bodyAsJsonObject().getString("followUp"), "and on reload");
    assertEquals(200, answer(code, "professionalism-why", "柜门缝隙很大，现场也没清理").statusCode());
    HttpResponse<Buffer> three = answer(code, "recommend", 3);
    assertEquals(200, three.statusCode());
    assertEquals(new JsonObject().put("saved", true), three.bodyAsJsonObject(), "filed once, said once");
    JsonArray filed = tickets("DDev-page-1");
    assertEquals(1, filed.size(), filed.encodePrettily());
    JsonObject ticket = filed.getJsonObject(0);
    assertEquals("installation", ticket.getString("category"), "the question's follow-up category");
    assertEquals(2, ticket.getInteger("level"));
    assertTrue(ticket.getBoolean("needsAgent"));
    assertEquals("wechat", ticket.getString("channel"));
    assertEquals("o-page-1", ticket.getString("userId"));
    assertEquals("13800138000", ticket.getString("phone"));
    assertEquals("王芳", ticket.getString("customerName"));
    assertEquals("师傅的安装专业度您满意吗？（如安装工艺、验收讲解、现场清洁） 2/5", ticket.getString("description"),
        "the question as the page showed it, with the score");
    assertEquals(Duration.ofMinutes(60), Duration.between(Instant.parse(ticket.getString("createdAt")),
        Instant.parse(ticket.getString("firstResponseDueAt"))));
    HandoffCase open = queued("wechat:o-page-1").orElseThrow();
    assertEquals(ticket.getString("id"), open.ticketId().orElseThrow());

    // Reloading shows them; submit completes once, and nothing is taken after.
    JsonObject kept = get("/s/" + code + "/survey").bodyAsJsonObject().getJsonObject("answers");
    assertEquals(2, kept.getInteger("professionalism"));
    assertEquals("柜门缝隙很大，现场也没清理", kept.getString("professionalism-why"));
    HttpResponse<Buffer> submitted = post("/s/" + code + "/submit", new JsonObject());
    assertEquals(200, submitted.statusCode(), submitted.bodyAsString());
    assertEquals("非常抱歉这次没有让您满意。您的反馈已转给专人，我们会尽快联系您处理。",
        submitted.bodyAsJsonObject().getString("closing"));
    assertEquals(409, post("/s/" + code + "/submit", new JsonObject()).statusCode());
    assertEquals(409, answer(code, "timeliness", 5).statusCode());
    JsonObject done = get("/s/" + code + "/survey").bodyAsJsonObject();
    assertTrue(done.getBoolean("completed"));
    assertEquals(submitted.bodyAsJsonObject().getString("closing"), done.getString("closing"));
    SurveyResponse response = await(gateway.stores().surveys().response("ev-page-1")).orElseThrow();
    assertEquals("page", response.channel());
    assertTrue(response.completedAt().isPresent());
    assertEquals(1, tickets("DDev-page-1").size(), "one follow-up per response");
  }

  @Test
  void aPhoneOnlyHomeownersLowScoreIsFiledUnderTheirNumberForAPersonToCall() {
    String code = code("ev-page-2", "post-design", "13900139000", null);
    assertEquals(400, answer(code, "plan-fit", "有点符合").statusCode(), "not one of the options");
    assertEquals(200, answer(code, "plan-fit", "基本符合").statusCode());
    assertEquals(400, answer(code, "plan-fit-why", "柜子太高").statusCode(), "asked only after 不太符合");
    assertEquals(0, tickets("DDev-page-2").size(), "基本符合 needs nobody");
    assertEquals(200, answer(code, "plan-fit", "不太符合").statusCode(), "the survey file's followUpIf answer");
    assertEquals(200, answer(code, "plan-fit-why", "还行吧，再看看").statusCode(), "a lukewarm word: no second ticket");
    JsonArray filed = tickets("DDev-page-2");
    assertEquals(1, filed.size(), filed.encodePrettily());
    JsonObject ticket = filed.getJsonObject(0);
    assertEquals("sms", ticket.getString("channel"));
    assertEquals("13900139000", ticket.getString("userId"));
    assertEquals("13900139000", ticket.getString("phone"));
    assertEquals("design_error", ticket.getString("category"));
    assertEquals("设计方案符合您的需求吗？ 不太符合", ticket.getString("description"));
    assertTrue(queued("sms:13900139000").isPresent(), "queued for a person");
    // A low NPS afterwards files nothing more.
    assertEquals(200, answer(code, "recommend", 0).statusCode());
    assertEquals(1, tickets("DDev-page-2").size());
    assertEquals(200, post("/s/" + code + "/submit", new JsonObject()).statusCode());
  }

  @Test
  void aRepairNotFixedIsFollowedUpAndReadsInChineseOnTheTicket() {
    String code = code("ev-page-5", "post-repair", "13500135000", null);
    assertEquals(200, answer(code, "fixed", "no").statusCode());
    JsonArray filed = tickets("DDev-page-5");
    assertEquals(1, filed.size(), filed.encodePrettily());
    assertEquals("这次的问题已经修好了吗？ 否", filed.getJsonObject(0).getString("description"),
        "the answer as people read it (messages.yaml answeredNo), not \"no\"");
    assertEquals("repair_delay", filed.getJsonObject(0).getString("category"));
  }

  @Test
  void unknownExpiredAndMalformedCodesAllSayTheLinkHasExpired() {
    String expired = code("ev-page-3", "post-repair", "13700137000", null, Instant.now().minus(Duration.ofMinutes(1)));
    for (String bad : List.of(expired, "ABCDEF", "abc", "ABCDEFG", "ABCDE0", "ABC%3Cx")) {
      HttpResponse<Buffer> page = get("/s/" + bad);
      assertEquals(404, page.statusCode(), bad);
      assertTrue(page.bodyAsString().contains("链接已失效"), page.bodyAsString());
      assertEquals("text/html; charset=utf-8", page.getHeader("Content-Type"));
      assertEquals(404, get("/s/" + bad + "/survey").statusCode(), bad);
      assertEquals(404, answer(bad, "fixed", "yes").statusCode(), bad);
    }
    // The expired page and the unknown one are the same bytes: nothing says a code ever existed.
    assertEquals(get("/s/ABCDEF").bodyAsString(), get("/s/" + expired).bodyAsString());
  }

  @Test
  void wrongCodesAreLimitedPerAddressSoCodesCannotBeGuessed() {
    String code = code("ev-page-4", "post-repair", "13600136000", null);
    for (int i = 0; i < SurveyPage.WRONG_CODES_PER_HOUR; i++) {
      assertEquals(404, get("/s/ZZZZ" + (char) ('A' + i / 8) + (char) ('A' + i % 8) + "/survey").statusCode());
    }
    HttpResponse<Buffer> limited = get("/s/ZZZZZZ");
    assertEquals(429, limited.statusCode());
    assertTrue(Integer.parseInt(limited.getHeader("Retry-After")) > 0);
    // Past the limit even a live code is not looked up: the answer tells nothing about it.
    assertEquals(429, get("/s/" + code).statusCode());
    assertEquals(429, answer(code, "fixed", "yes").statusCode());
    Await.until("nothing was kept", () -> await(gateway.stores().surveys().response("ev-page-4")).isEmpty());
  }
}
