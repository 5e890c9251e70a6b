package com.furnishcare.intake.fuzz;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.Question;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/**
 * The gateway's public doors over HTTP, the bug class "no 5xx" (README "Fuzzing"): one gateway (embedded
 * store, fake WeChat API, fake Tencent SMS, reply callback and trusted proxy configured) is started for the
 * fuzz test class, and every input is a short sequence of requests to the web-chat API, the survey page's answers
 * and submit, the admin survey dispatch and survey queries, the SMS reply callback and the WeChat callback
 * (plaintext and safe mode, signed so that most reach the dialog engine), with fuzzed bodies, headers and
 * query strings. Every answer must be below 500 and arrive in time. Conversations started by earlier inputs
 * are continued, so deep intake states are reached over HTTP too.
 */
final class HttpTarget {

  private static final String REPLY_TOKEN = "reply-token-fuzz-0123456";
  private static final String STATUS_TEMPLATE = "3000001";
  private static final String LINK_TEMPLATE = "3000002";
  private static final String[] PHONES = {"13800138000", "13900139000", "12345678901", "1380013800", "+8613800138000",
      "13800138000\u0000", ""};
  private static final String[] SURVEY_IDS = {"post-design", "post-measurement", "post-installation", "post-repair",
      "return-visit", "unknown", ""};
  private static final String[] TIMES = {"2026-11-20T15:30:00+08:00", "2026-11-20T15:30:00Z", "2026-11-20",
      "+999999999-12-31T23:59:59+18:00", "-999999999-01-01T00:00:00-18:00", "2026-02-30T00:00:00+08:00",
      "2026-11-20T15:30:00+25:00", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-11-20T15:30:00.123456789+08:00",
      "1970-01-01", "+10000-01-01", "2026-13-01", ""};
  private static final String[] ADDRESSES = {"203.0.113.7", "198.51.100.1, 203.0.113.7", "2001:db8::1", "::1",
      "127.0.0.1", "unknown", "999.1.1.1", "[2001:db8::1]", "fe80::1%eth0", "1.2.3.4, , 5.6.7.8", ""};

  private static final java.util.Set<String> LOOPBACK = java.util.Set.of("127.0.0.1", "localhost", "::1", "0:0:0:0:0:0:0:1");

  private static Vertx vertx;
  private static FakeTencentSms sms;
  private static GatewayHarness harness;
  private static Gateway gateway;
  private static WebClient http;
  private static Path dataDir;
  private static WxCryptUtil wechatCrypt;
  private static List<String> questionIds;
  private static final List<String> CODES = new ArrayList<>();
  private static final List<JsonObject> CONVERSATIONS = new ArrayList<>();
  private static final AtomicInteger JOBS = new AtomicInteger();
  private static final AtomicInteger NONCES = new AtomicInteger(100_000);

  private HttpTarget() {}

  /** Starts the gateway the HTTP target talks to (once, for the fuzz test class). */
  static void start() throws Exception {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("gateway-fuzz");
    sms = await(new FakeTencentSms("AKIDtestsecretid0042", "test-secret-key-fuzz-0042", "1400000042", "家居售后")
        .approve(STATUS_TEMPLATE, 2).approve(LINK_TEMPLATE, 1).start(vertx));
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api).sms(sms)
        .with("SMS_STATUS_TEMPLATE_ID", STATUS_TEMPLATE).with("SMS_REPLY_TOKEN", REPLY_TOKEN)
        .with("SMS_CHAT_LINK_TEMPLATE_ID", LINK_TEMPLATE).with("GATEWAY_TRUSTED_PROXIES", "127.0.0.0/8,::1")
        .with("GATEWAY_PUBLIC_URL", "https://service.example.com").with("SURVEY_MIN_INTERVAL_DAYS", "0"));
    http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
    wechatCrypt = new WxCryptUtil(TestConfig.TOKEN, TestConfig.AES_KEY, TestConfig.APP_ID);
    questionIds = SurveyBookLoader.load(Path.of("dialogs/surveys")).surveys().values().stream()
        .flatMap(s -> s.questions().stream()).map(Question::id).distinct().toList();
    for (int i = 0; i < 4; i++) {
      newCode();
    }
  }

  static void stop() throws IOException {
    if (harness != null) {
      http.close();
      harness.close();
      await(sms.stop());
      await(vertx.close());
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A survey job as the dispatcher keeps it and a live code for its page (every survey in turn). */
  private static void newCode() {
    int n = JOBS.incrementAndGet();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id = "ev-fuzz-" + n;
    String survey = SURVEY_IDS[n % 5];
    SurveyJob job = new SurveyJob(id, survey, "DD" + n, Optional.of(PHONES[n % 2]), Optional.of("o-fuzz-" + n),
        Optional.of("王芳"), Optional.of("杭州西湖体验店"), Optional.of("李师傅"), now.minus(Duration.ofHours(2)), now, now);
    await(gateway.stores().surveys().accept(job));
    CODES.add(await(gateway.stores().surveys().issueCode(id, now.plus(Duration.ofDays(7)))));
  }

  /**
   * The gateway calls its (fake) WeChat API and SMS provider on loopback, as configured, also from its worker
   * threads after the request that caused it has been answered: not a forged request. Jazzer's SSRF detector
   * still reports a connection anywhere else. Called before every input (the policy cannot be set before
   * Jazzer's agent is installed, which happens only once the fuzz test's inputs are being made).
   */
  static void allowLoopbackConnections() {
    BugDetectors.allowNetworkConnections((host, port) -> LOOPBACK.contains(host));
  }

  static void run(FuzzedDataProvider data) {
    int requests = data.consumeInt(1, 6);
    for (int i = 0; i < requests && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 6)) {
        case 0, 1 -> chat(data);
        case 2 -> surveyPage(data);
        case 3 -> surveyAdmin(data);
        case 4 -> smsReply(data);
        case 5 -> wechat(data);
        default -> anything(data);
      }
    }
  }

  // ---- the doors ----

  private static void chat(FuzzedDataProvider data) {
    Buffer body;
    if (data.consumeInt(0, 4) == 0) {
      body = Buffer.buffer(data.consumeBytes(2000));
    } else {
      JsonObject message = new JsonObject();
      if (!CONVERSATIONS.isEmpty() && data.consumeInt(0, 3) > 0) {
        JsonObject known = CONVERSATIONS.get(data.consumeInt(0, CONVERSATIONS.size() - 1));
        message.put("conversationId", known.getString("conversationId"));
        if (data.consumeInt(0, 5) > 0) {
          message.put("conversationSecret", known.getString("conversationSecret"));
        }
      }
      message.put("text", data.consumeInt(0, 6) == 0 ? value(data) : FuzzText.text(data, 8));
      if (data.consumeInt(0, 3) == 0) {
        message.put("option", data.consumeBoolean() ? value(data) : data.consumeAsciiString(20));
      }
      if (data.consumeInt(0, 3) == 0) {
        message.put("messageId", data.consumeBoolean() ? value(data) : data.consumeAsciiString(20));
      }
      extraFields(data, message);
      body = Buffer.buffer(message.encode());
    }
    HttpResponse<Buffer> answer = send(data, HttpMethod.POST, "/api/chat/messages", json(data), body);
    if (answer != null && answer.statusCode() == 200 && CONVERSATIONS.size() < 16) {
      JsonObject issued = answer.bodyAsJsonObject();
      if (issued.containsKey("conversationSecret")) {
        CONVERSATIONS.add(new JsonObject().put("conversationId", issued.getString("conversationId"))
            .put("conversationSecret", issued.getString("conversationSecret")));
      }
    }
  }

  private static void surveyPage(FuzzedDataProvider data) {
    String code = data.consumeInt(0, 4) == 0 ? pathPart(data) : CODES.get(data.consumeInt(0, CODES.size() - 1));
    switch (data.consumeInt(0, 5)) {
      case 0 -> send(data, HttpMethod.GET, "/s/" + code + (data.consumeBoolean() ? "/survey" : ""), null, null);
      case 1 -> {
        HttpResponse<Buffer> done = send(data, HttpMethod.POST, "/s/" + code + "/submit", json(data), Buffer.buffer("{}"));
        if (done != null && done.statusCode() == 200 && CODES.size() < 40) {
          newCode(); // keep codes that still take answers
        }
      }
      default -> {
        Buffer body;
        if (data.consumeInt(0, 4) == 0) {
          body = Buffer.buffer(data.consumeBytes(2000));
        } else {
          JsonObject answer = new JsonObject()
              .put("questionId", data.consumeInt(0, 4) == 0 ? value(data) : data.pickValue(questionIds))
              .put("value", value(data));
          extraFields(data, answer);
          body = Buffer.buffer(answer.encode());
        }
        send(data, HttpMethod.POST, "/s/" + code + "/answers", json(data), body);
      }
    }
  }

  private static void surveyAdmin(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 3)) {
      case 0 -> send(data, HttpMethod.GET, "/api/surveys/responses?" + query(data, "from", "to", "survey", "dealer",
          "orderNo", "format", "limit"), null, null);
      case 1 -> send(data, HttpMethod.GET, "/api/surveys/summary?" + query(data, "from", "to", "survey", "dealer"),
          null, null);
      default -> {
        Buffer body;
        if (data.consumeInt(0, 4) == 0) {
          body = Buffer.buffer(data.consumeBytes(4000));
        } else {
          int events = data.consumeInt(0, 4);
          JsonArray list = new JsonArray();
          for (int i = 0; i < events; i++) {
            list.add(data.consumeInt(0, 9) == 0 ? value(data) : event(data));
          }
          Object whole = events == 1 && data.consumeBoolean() ? list.getValue(0) : new JsonObject().put("events", list);
          body = Buffer.buffer(whole instanceof JsonObject o ? o.encode() : String.valueOf(whole));
        }
        send(data, HttpMethod.POST, "/api/surveys/dispatch", json(data), body);
      }
    }
  }

  private static JsonObject event(FuzzedDataProvider data) {
    JsonObject event = new JsonObject()
        .put("eventId", data.consumeBoolean() ? "ev-" + data.consumeInt(0, 50) : value(data))
        .put("survey", data.consumeInt(0, 5) > 0 ? data.pickValue(SURVEY_IDS) : value(data))
        .put("orderNo", data.consumeBoolean() ? "DD2026112400" + data.consumeInt(0, 9) : value(data))
        .put("serviceAt", data.consumeInt(0, 3) > 0 ? data.pickValue(TIMES) : value(data));
    if (data.consumeBoolean()) {
      event.put("phone", data.consumeBoolean() ? data.pickValue(PHONES) : value(data));
    }
    if (data.consumeBoolean()) {
      event.put("wechatOpenId", data.consumeBoolean() ? "o-fuzz-" + data.consumeInt(0, 50) : value(data));
    }
    for (String field : new String[] {"customerName", "dealer", "installer"}) {
      if (data.consumeBoolean()) {
        event.put(field, data.consumeBoolean() ? FuzzText.text(data, 3) : value(data));
      }
    }
    return event;
  }

  private static void smsReply(FuzzedDataProvider data) {
    Buffer body;
    if (data.consumeInt(0, 4) == 0) {
      body = Buffer.buffer(data.consumeBytes(2000));
    } else {
      JsonArray replies = new JsonArray();
      int count = data.consumeInt(0, 3);
      for (int i = 0; i < count; i++) {
        JsonObject reply = new JsonObject()
            .put("mobile", data.consumeInt(0, 4) > 0 ? data.pickValue(PHONES) : value(data))
            .put("text", data.consumeInt(0, 6) > 0 ? FuzzText.text(data, 6) : value(data))
            .put("sign", "家居售后").put("extend", "");
        if (data.consumeBoolean()) {
          reply.put("nationcode", data.consumeBoolean() ? "86" : value(data));
        }
        if (data.consumeBoolean()) {
          reply.put("time", data.consumeBoolean() ? data.consumeLong() : value(data));
        }
        replies.add(reply);
      }
      body = Buffer.buffer(count == 1 && data.consumeBoolean() ? replies.getJsonObject(0).encode() : replies.encode());
    }
    String token = data.consumeInt(0, 9) > 0 ? REPLY_TOKEN : pathPart(data);
    send(data, HttpMethod.POST, "/sms/tencent/" + token + "/replies", json(data), body);
  }

  private static void wechat(FuzzedDataProvider data) {
    long now = Instant.now().getEpochSecond();
    // Now, mostly; else the edges of the accepted window and of a long, or anything.
    long[] edges = {now - 300, now - 301, now + 300, now + 301, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE,
        now + Long.MIN_VALUE, now + Long.MAX_VALUE + 1};
    String timestamp = switch (data.consumeInt(0, 7)) {
      case 0 -> Long.toString(data.pickValue(edges));
      case 1 -> data.consumeBoolean() ? Long.toString(data.consumeLong()) : data.consumeAsciiString(12);
      default -> Long.toString(now);
    };
    String nonce = data.consumeInt(0, 7) > 0 ? Integer.toString(NONCES.incrementAndGet()) : data.consumeAsciiString(70);
    String xml = data.consumeInt(0, 3) > 0 ? WeChatXmlTarget.message(data) : data.consumeString(1000);
    if (data.consumeInt(0, 3) > 0 && !xml.contains("<FromUserName>")) {
      // Mostly a whole message, so that the turn behind the checks is reached.
      xml = "<xml><ToUserName><![CDATA[gh_furnish]]></ToUserName><FromUserName><![CDATA[o-fuzz-"
          + data.consumeInt(0, 5) + "]]></FromUserName><CreateTime>" + Instant.now().getEpochSecond()
          + "</CreateTime><MsgType><![CDATA[" + (data.consumeBoolean() ? "text" : WeChatXmlTarget.value(data))
          + "]]></MsgType><Content><![CDATA[" + FuzzText.text(data, 6) + "]]></Content><MsgId>"
          + NONCES.incrementAndGet() + "</MsgId></xml>";
    }
    boolean signed = data.consumeInt(0, 7) > 0;
    String signature = signed && !timestamp.isEmpty() && !nonce.isEmpty() ? SHA1.gen(TestConfig.TOKEN, timestamp, nonce)
        : data.consumeAsciiString(40);
    StringBuilder uri = new StringBuilder("/wechat?signature=").append(encode(signature))
        .append("&timestamp=").append(encode(timestamp)).append("&nonce=").append(encode(nonce));
    if (data.consumeInt(0, 5) == 0) {
      uri.append("&echostr=").append(encode(data.consumeAsciiString(20)));
      send(data, HttpMethod.GET, uri.toString(), null, null);
      return;
    }
    String body = xml;
    if (data.consumeBoolean()) {
      String encrypted = data.consumeInt(0, 4) > 0 ? wechatCrypt.encrypt("abcdefghijklmnop", xml) : data.consumeAsciiString(80);
      String msgSignature = signed && !encrypted.isEmpty() && !timestamp.isEmpty() && !nonce.isEmpty()
          ? SHA1.gen(TestConfig.TOKEN, timestamp, nonce, encrypted) : data.consumeAsciiString(40);
      uri.append(data.consumeInt(0, 5) > 0 ? "&encrypt_type=aes" : "&encrypt_type=" + encode(data.consumeAsciiString(5)))
          .append("&msg_signature=").append(encode(msgSignature));
      body = "<xml><ToUserName><![CDATA[gh_furnish]]></ToUserName><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
    }
    send(data, HttpMethod.POST, uri.toString(), data.consumeBoolean() ? "text/xml" : null,
        Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void anything(FuzzedDataProvider data) {
    String[] paths = {"/api/chat/messages", "/s/", "/api/surveys/dispatch", "/sms/tencent/", "/wechat", "/api/tickets",
        "/api/faq", "/chat", "/healthz", "/metrics", "/api/outbox", "/agent", "/c/", "/survey/survey.js"};
    String uri = data.pickValue(paths) + pathPart(data) + (data.consumeBoolean() ? "?" + query(data, "q", "limit",
        "orderNo", "status", "from", "to") : "");
    HttpMethod method = data.pickValue(new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
        HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.HEAD, HttpMethod.PATCH});
    send(data, method, uri, data.consumeBoolean() ? "application/json" : data.consumeAsciiString(30),
        method == HttpMethod.GET || method == HttpMethod.HEAD ? null : Buffer.buffer(data.consumeBytes(500)));
  }

  // ---- pieces ----

  /** Any JSON value: the types a field must be checked for. */
  private static Object value(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 9)) {
      case 0 -> null;
      case 1 -> data.consumeBoolean();
      case 2 -> data.consumeInt();
      case 3 -> data.consumeLong();
      case 4 -> data.consumeDouble();
      case 5 -> new JsonArray().add(FuzzText.text(data, 2)).add(data.consumeInt());
      case 6 -> new JsonObject().put(data.consumeAsciiString(8), FuzzText.text(data, 2));
      case 7 -> new java.math.BigDecimal(data.consumeLong()).pow(data.consumeInt(1, 4)).toString();
      default -> FuzzText.text(data, 4);
    };
  }

  private static void extraFields(FuzzedDataProvider data, JsonObject object) {
    if (data.consumeInt(0, 5) == 0) {
      object.put(data.consumeString(10), value(data));
    }
  }

  private static String json(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 9)) {
      case 0 -> null;
      case 1 -> "text/plain";
      case 2 -> "application/json; charset=" + data.consumeAsciiString(10);
      case 3 -> data.consumeAsciiString(30);
      default -> "application/json";
    };
  }

  private static String pathPart(FuzzedDataProvider data) {
    return encode(data.consumeBoolean() ? data.consumeAsciiString(12) : FuzzText.text(data, 2));
  }

  private static String query(FuzzedDataProvider data, String... names) {
    StringBuilder q = new StringBuilder();
    int n = data.consumeInt(0, 4);
    for (int i = 0; i < n; i++) {
      String value = switch (data.consumeInt(0, 3)) {
        case 0 -> data.pickValue(TIMES);
        case 1 -> Integer.toString(data.consumeInt());
        default -> FuzzText.text(data, 2);
      };
      q.append(i == 0 ? "" : "&").append(data.pickValue(names)).append('=').append(encode(value));
    }
    return q.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * One request; fails on a 5xx or no answer. Returns empty (null) only when the client itself refuses to
   * send what the fuzzer made (a header value it will not write): that never reaches the gateway.
   */
  private static HttpResponse<Buffer> send(FuzzedDataProvider data, HttpMethod method, String uri, String contentType,
      Buffer body) {
    HttpRequest<Buffer> request = http.request(method, gateway.port(), "127.0.0.1", uri).timeout(15_000);
    MultiMap headers = request.headers();
    try {
      if (contentType != null) {
        headers.set("Content-Type", contentType);
      }
      if (uri.startsWith("/api/surveys") || uri.startsWith("/api/") && data.consumeInt(0, 3) == 0) {
        headers.set("Authorization", data.consumeInt(0, 7) > 0 ? "Bearer " + TestConfig.ADMIN_TOKEN
            : data.consumeAsciiString(40));
      }
      if (data.consumeBoolean()) {
        headers.set("X-Forwarded-For", data.consumeInt(0, 3) > 0 ? data.pickValue(ADDRESSES) : data.consumeAsciiString(40));
      }
      if (data.consumeInt(0, 5) == 0) {
        headers.set("Origin", data.consumeBoolean() ? "https://evil.example" : data.consumeAsciiString(30));
      }
      if (data.consumeInt(0, 7) == 0) {
        headers.set("X-Conversation-Secret", data.consumeAsciiString(40));
      }
    } catch (IllegalArgumentException refusedByClient) {
      return null;
    }
    HttpResponse<Buffer> response;
    try {
      response = await(body == null ? request.send() : request.sendBuffer(body));
    } catch (IllegalArgumentException refusedByClient) {
      return null;
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError(method + " " + uri + " got no answer: " + e, e);
    }
    if (response.statusCode() >= 500) {
      fail(method + " " + uri + " (" + contentType + ", " + (body == null ? 0 : body.length()) + " bytes: "
          + (body == null ? "" : abbreviate(body.toString(StandardCharsets.UTF_8))) + ") answered "
          + response.statusCode() + ": " + abbreviate(response.bodyAsString()));
    }
    return response;
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 600 ? s.substring(0, 600) + "…" : s;
  }
}
