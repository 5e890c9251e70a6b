package com.furnishcare.intake.channel.sms;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.ChatSocketClient;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An SMS from a phone with no ticket starts a web chat: the text is the conversation's first message, the
 * bot answers in its log, and the sender gets one template SMS whose code opens that conversation in the
 * web chat with its history (through the fake Tencent Cloud SMS, which checks the 6-character limit).
 */
@ExtendWith(VertxExtension.class)
class SmsChatLinkTest {

  private static final String SECRET_ID = "AKIDtestsecretid0002";
  private static final String SECRET_KEY = "test-secret-key-9876543210";
  private static final String APP_ID = "1400000003";
  private static final String SIGN = "家居售后";
  private static final String STATUS_TEMPLATE = "2000001";
  private static final String LINK_TEMPLATE = "2000009";
  private static final String REPLY_TOKEN = "reply-token-0123456789";
  private static final String PHONE = "13900139000";
  private static final Pattern CREDENTIALS =
      Pattern.compile("data-conversation-id=\"([^\"]+)\" data-conversation-secret=\"([^\"]+)\"");

  @TempDir
  Path dataDir;
  private FakeTencentSms sms;
  private GatewayHarness harness;
  private Gateway gateway;
  private WebClient http;

  private void start(Vertx vertx, boolean links) {
    sms = await(new FakeTencentSms(SECRET_ID, SECRET_KEY, APP_ID, SIGN).approve(STATUS_TEMPLATE, 2)
        .approve(LINK_TEMPLATE, 1).start(vertx));
    harness = new GatewayHarness(vertx);
    TestConfig config = TestConfig.embedded(dataDir).api(harness.api).sms(sms)
        .with("SMS_STATUS_TEMPLATE_ID", STATUS_TEMPLATE).with("SMS_REPLY_TOKEN", REPLY_TOKEN);
    gateway = harness.start(links ? config.with("SMS_CHAT_LINK_TEMPLATE_ID", LINK_TEMPLATE) : config);
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    http.close();
    harness.close();
    await(sms.stop());
    assertEquals(List.of(), sms.problems());
  }

  private HttpResponse<Buffer> text(String mobile, String text, long time) {
    String body = new JsonObject().put("extend", "").put("mobile", mobile).put("nationcode", "86").put("sign", SIGN)
        .put("text", text).put("time", time).encode();
    HttpResponse<Buffer> r = await(http.post(gateway.port(), "127.0.0.1", "/sms/tencent/" + REPLY_TOKEN + "/replies")
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r;
  }

  private HttpResponse<Buffer> link(String code) {
    return await(http.get(gateway.port(), "127.0.0.1", "/c/" + code).send());
  }

  /** The id and secret the link page hands the browser. */
  private static String[] credentials(HttpResponse<Buffer> page) {
    assertEquals(200, page.statusCode(), page.bodyAsString());
    assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
    String csp = page.getHeader("Content-Security-Policy");
    assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertEquals("no-referrer", page.getHeader("Referrer-Policy"));
    assertEquals("no-store", page.getHeader("Cache-Control"));
    String html = page.bodyAsString();
    assertTrue(html.contains("<script src=\"/chat/link.js\"></script>"), html);
    assertFalse(html.replace("<script src=\"/chat/link.js\"></script>", "").contains("<script"), "no inline script");
    Matcher m = CREDENTIALS.matcher(html);
    assertTrue(m.find(), html);
    return new String[] {m.group(1), m.group(2)};
  }

  /** Everything in the conversation's log, as a page opened with these credentials is shown it. */
  private static List<JsonObject> history(Vertx vertx, Gateway gateway, String id, String secret) {
    try (ChatSocketClient page = new ChatSocketClient(vertx, gateway.port(), null)) {
      page.send(new JsonObject().put("type", "hello").put("conversationId", id).put("conversationSecret", secret)
          .put("after", 0));
      page.next(f -> "welcome".equals(f.getString("type")));
      return page.entriesUntilQuiet(1000);
    }
  }

  @Test
  void anSmsWithoutATicketStartsAWebChatWhoseLinkOpensItWithItsHistory(Vertx vertx) {
    start(vertx, true);
    text(PHONE, "我家柜子漏水了", 1795486000L);
    Await.until("link SMS sent", () -> sms.sent().size() == 1);
    FakeTencentSms.Sent sent = sms.sent().get(0);
    assertEquals("+86" + PHONE, sent.phone());
    assertEquals(LINK_TEMPLATE, sent.templateId());
    assertEquals(1, sent.params().size());
    String code = sent.params().get(0);
    assertTrue(code.matches("[2-9A-HJ-NP-Za-km-np-z]{6}"), code);

    String[] page = credentials(link(code));
    List<JsonObject> entries = history(vertx, gateway, page[0], page[1]);
    assertTrue(entries.size() >= 2, entries.toString());
    assertEquals("user", entries.get(0).getString("author"));
    assertEquals("我家柜子漏水了", entries.get(0).getString("text"));
    assertEquals("bot", entries.get(1).getString("author"), "the bot answered in the log: " + entries);
    // A leak is urgent: the bot files a ticket at once and hands over. The phone is known from the SMS, so
    // the ticket has it and nobody asked for it.
    JsonObject tickets = harness.admin(gateway, "/api/tickets?userId=" + page[0]);
    assertEquals(PHONE, tickets.getJsonArray("items").getJsonObject(0).getString("phone"), tickets.encode());
    assertFalse(entries.toString().contains("手机号"), entries.toString());

    // The provider delivers the same callback again: one message, one SMS.
    text(PHONE, "我家柜子漏水了", 1795486000L);
    assertEquals(entries.size(), history(vertx, gateway, page[0], page[1]).size());
    // A second SMS from the phone continues the same conversation, without another link SMS.
    text(PHONE, "订单号DD2026110301", 1795486060L);
    List<JsonObject> after = history(vertx, gateway, page[0], page[1]);
    assertTrue(after.stream().anyMatch(e -> "订单号DD2026110301".equals(e.getString("text"))), after.toString());
    assertEquals(1, after.stream().filter(e -> "我家柜子漏水了".equals(e.getString("text"))).count());
    sleep(500);
    assertEquals(1, sms.sent().size(), "one link SMS per conversation: " + sms.sent());

    // The link opened again (another device): a fresh secret, and the first page's secret still works.
    String[] second = credentials(link(code));
    assertEquals(page[0], second[0]);
    assertNotEquals(page[1], second[1]);
    assertEquals(after.size(), history(vertx, gateway, second[0], second[1]).size());
    assertEquals(after.size(), history(vertx, gateway, page[0], page[1]).size());
    // The code never appears in the delivery log (it is a credential).
    assertFalse(await(gateway.stores().deliveries().recent(50)).toString().contains(code));
  }

  @Test
  void madeUpOrMalformedCodesAreNotFound(Vertx vertx) {
    start(vertx, true);
    text(PHONE, "我家柜子漏水了", 1795486100L);
    Await.until("link SMS sent", () -> sms.sent().size() == 1);
    String real = sms.sent().get(0).params().get(0);
    String madeUp = real.equals("abcdef") ? "abcdeg" : "abcdef";
    for (String code : List.of(madeUp, real.toLowerCase().equals(real) ? real.toUpperCase() : real.toLowerCase(),
        "ABC12", "ABCDEFG", "O0Il1o", "%2e%2e", "..")) {
      HttpResponse<Buffer> r = link(code);
      assertTrue(r.statusCode() == 404, code + " answered " + r.statusCode() + ": " + r.bodyAsString());
      assertFalse(r.bodyAsString().contains("conversation-secret"), r.bodyAsString());
    }
  }

  @Test
  void withoutTheTemplateAnSmsWithoutATicketIsAcknowledgedAndDroppedAsBefore(Vertx vertx) {
    start(vertx, false);
    text(PHONE, "我家柜子漏水了", 1795486200L);
    sleep(500);
    assertEquals(List.of(), sms.sent());
    assertEquals(404, link("abcdef").statusCode(), "no link route");
    assertTrue(gateway.router().getRoutes().stream().noneMatch(r -> "/c/:code".equals(r.getPath())));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
