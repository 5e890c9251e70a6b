package com.furnishcare.intake;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.FakeWeChatApi;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.RequestTracker;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code java -jar target/intake-gateway.jar}, the very file operators run, not the
 * test classpath) started as a separate process from a directory that is not the repository root:
 * once with every feature configured, each feature's code path driven so that a class missing from the
 * jar shows (WxJava's HTTP client and commons-logging, the Tencent Cloud SDK, the Redis client, RT over
 * HTTP), and once with no configuration at all. Runs in {@code mvn verify}, after {@code package}.
 */
class PackagedJarIT {

  private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/intake-gateway.jar"));
  private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  private static final int GRACE_S = 10;

  private static final String SMS_SECRET_ID = "AKIDpackagedjarit0001";
  private static final String SMS_SECRET_KEY = "packaged-jar-secret-key-0123";
  private static final String SMS_APP_ID = "1400000001";
  private static final String SMS_SIGN = "家居售后";
  private static final String SMS_STATUS_TEMPLATE = "2000001";
  private static final String SMS_RESOLUTION_TEMPLATE = "2000002";
  private static final String WECHAT_TEMPLATE = "tmpl-status-0001";

  private static Vertx vertx;
  private static RequestTracker rt;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    if (!RequestTracker.installed()) {
      throw new IllegalStateException("Request Tracker is not installed: run scripts/test-all.sh, which installs it");
    }
    vertx = Vertx.vertx();
    rt = RequestTracker.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (rt != null) {
      rt.close();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void everyFeatureConfiguredAnswersEveryChannelAndStopsCleanly() throws Exception {
    FakeWeChatApi wechatApi = await(new FakeWeChatApi(TestConfig.APP_ID, TestConfig.SECRET).start(vertx));
    wechatApi.ownsTemplate(WECHAT_TEMPLATE);
    FakeTencentSms sms = await(new FakeTencentSms(SMS_SECRET_ID, SMS_SECRET_KEY, SMS_APP_ID, SMS_SIGN)
        .approve(SMS_STATUS_TEMPLATE, 2).approve(SMS_RESOLUTION_TEMPLATE, 1).start(vertx));
    Path work = Files.createDirectories(dir.resolve("work")); // not the repository root: no ./dialogs here
    Path log = dir.resolve("gateway.log");
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
    env.put("GATEWAY_SHUTDOWN_GRACE_S", Integer.toString(GRACE_S));
    env.put("GATEWAY_ADMIN_TOKEN", TestConfig.ADMIN_TOKEN);
    // Until the jar carries built-in defaults (issue 11, point 2) it reads these relative to the working
    // directory, so this test names the project's copies; withNoConfigurationAtAll... covers the built-ins.
    env.put("GATEWAY_DIALOGS_DIR", PROJECT.resolve("dialogs").toString());
    env.put("FAQ_DIR", PROJECT.resolve("knowledge-base").toString());
    env.put("GATEWAY_GRADING_FILE", PROJECT.resolve("config/grading.yaml").toString());
    env.put("GATEWAY_DEALERS_FILE", PROJECT.resolve("config/dealers.csv").toString());
    env.put("RT_ROUTING_FILE", PROJECT.resolve("config/rt-routing.yaml").toString());
    // WeChat: safe (AES) mode, kefu pushes and template messages through the local stand-in for its API.
    env.put("WECHAT_TOKEN", TestConfig.TOKEN);
    env.put("WECHAT_APP_ID", TestConfig.APP_ID);
    env.put("WECHAT_AES_KEY", TestConfig.AES_KEY);
    env.put("WECHAT_SECRET", TestConfig.SECRET);
    env.put("WECHAT_STATUS_TEMPLATE_ID", WECHAT_TEMPLATE);
    env.put("WECHAT_API_BASE", wechatApi.baseUrl());
    // Tencent Cloud SMS through the SDK, reaching the stand-in as its HTTP proxy (the real host is signed).
    env.put("SMS_PROVIDER", "tencent");
    env.put("TENCENTCLOUD_SECRET_ID", SMS_SECRET_ID);
    env.put("TENCENTCLOUD_SECRET_KEY", SMS_SECRET_KEY);
    env.put("SMS_SDK_APP_ID", SMS_APP_ID);
    env.put("SMS_SIGN_NAME", SMS_SIGN);
    env.put("SMS_API_BASE", "http://sms.tencentcloudapi.com");
    env.put("SMS_API_PROXY", sms.baseUrl());
    env.put("SMS_STATUS_TEMPLATE_ID", SMS_STATUS_TEMPLATE);
    env.put("SMS_RESOLUTION_TEMPLATE_ID", SMS_RESOLUTION_TEMPLATE);
    env.put("SMS_REPLY_TOKEN", "reply-token-packaged-0001");
    // Tickets to the test Request Tracker, status changes polled back from it.
    env.put("TICKET_SINK", "rt");
    env.put("RT_URL", rt.url());
    env.put("RT_USER", "root");
    env.put("RT_PASSWORD", "password");
    env.put("RT_POLL_INTERVAL_MS", "300");
    env.put("OUTBOX_RELAY_INTERVAL_MS", "100");
    // The agents' console: an account, someone always answering.
    env.put("AGENTS_FILE", com.furnishcare.intake.support.AgentClient.agentsFile(Files.createDirectories(
        dir.resolve("agents")), List.of(new com.furnishcare.intake.support.AgentClient.Account("wang", "王客服",
        "agent", null, "wang-password-1"))).toString());
    env.put("AGENT_SERVICE_HOURS", "");

    try (RedisServer redis = RedisServer.start()) {
      env.put("REDIS_URL", redis.url());
      GatewayProcess gateway = GatewayProcess.fromJarWithOnly(JAR, work, env, log);
      WeChatClient wechat = new WeChatClient(vertx, gateway.port(), TestConfig.TOKEN, TestConfig.AES_KEY, TestConfig.APP_ID);
      try (gateway) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertEquals(200, get(http, gateway.port(), "/health").statusCode(), "GET /health");

        // WeChat, safe mode: a signed, encrypted message gets a signed, encrypted reply; a whole intake.
        String openId = "o-packaged-jar";
        String reply = "";
        for (int i = 0; i < Intake.MESSAGES.length; i++) {
          reply = aesText(wechat, openId, "200" + i, Intake.MESSAGES[i]);
        }
        String wechatTicket = Intake.ticketId(reply);

        // Web chat: the first message carries no conversationId; the gateway issues it and a secret.
        JsonObject opened = chat(http, gateway.port(), new JsonObject().put("text", Intake.MESSAGES[0]));
        String conversationId = opened.getString("conversationId", "");
        String secret = opened.getString("conversationSecret", "");
        assertFalse(conversationId.isEmpty(), opened.encode());
        assertTrue(secret.length() >= 22, opened.encode());
        assertFalse(GatewayHarness.lastText(opened).isBlank(), opened.encode());
        JsonObject last = null;
        for (int i = 1; i < Intake.MESSAGES.length; i++) {
          last = chat(http, gateway.port(), new JsonObject().put("text", Intake.MESSAGES[i])
              .put("conversationId", conversationId).put("conversationSecret", secret));
        }
        String chatTicket = Intake.ticketId(GatewayHarness.lastText(last));

        // Both tickets reach RT through the outbox.
        String wechatRtId = awaitInRt(wechatTicket);
        String chatRtId = awaitInRt(chatTicket);

        // RT changes their status; the poller brings it back: the WeChat homeowner is told by a kefu
        // message (WxJava's HTTP client, commons-logging), the web-chat one by SMS (Tencent Cloud SDK).
        openInRt(wechatRtId);
        openInRt(chatRtId);
        Await.until("kefu message about " + wechatTicket, () -> wechatApi.sentTo(openId).stream()
            .anyMatch(s -> s.content().contains(wechatTicket)));
        Await.until("status SMS for " + chatTicket, () -> !sms.sent().isEmpty());
        assertEquals(SMS_STATUS_TEMPLATE, sms.sent().get(0).templateId());

        // The console from the jar: sign in (argon2id via Password4j), the page and its script, a WeChat
        // homeowner handed over, taken and answered by a customer-service message.
        aesText(wechat, "o-packaged-agent", "3001", "转人工");
        var agent = com.furnishcare.intake.support.AgentClient.login(gateway.port(), "wang", "wang-password-1");
        assertTrue(agent.get("/agent/").status() == 200, "the console page");
        String agentConversation = "wechat:o-packaged-agent";
        assertEquals(200, agent.post(com.furnishcare.intake.support.AgentClient.path(agentConversation, "take"),
            new JsonObject()).status());
        var sent = agent.post(com.furnishcare.intake.support.AgentClient.path(agentConversation, "reply"),
            new JsonObject().put("clientId", "jar1").put("text", "您好，人工客服为您服务"));
        assertEquals("delivered", sent.body().getJsonObject("delivery").getString("status"), sent.body().encode());
        assertTrue(wechatApi.sentTo("o-packaged-agent").stream().anyMatch(m -> m.content().equals("您好，人工客服为您服务")));

        assertEquals(List.of(), wechatApi.problems(), "requests WeChat would refuse");
        assertEquals(List.of(), sms.problems(), "requests Tencent Cloud would refuse");
        assertTrue(redis.dbSize() > 0, "the conversations and tickets are stored in Redis");

        // The web chat cannot push, so its status change goes by SMS (asserted above); that is the design and
        // is logged at INFO. Any WARN, ERROR or stack trace fails the test.
        long ms = stopsCleanly(gateway, log);
        System.out.println("every feature: tickets " + wechatTicket + " and " + chatTicket + " in RT, kefu "
            + wechatApi.sentTo(openId).size() + ", SMS " + sms.sent().size() + ", SIGTERM to exit " + ms + " ms");
      } finally {
        wechat.close();
        await(wechatApi.stop());
        await(sms.stop());
      }
    }
  }

  @Test
  void withNoConfigurationAtAllItAnswersAndStopsCleanly() throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Path log = dir.resolve("gateway.log");
    // Nothing but the port and host (added by GatewayProcess: a free loopback port) and a data directory.
    Map<String, String> env = Map.of("GATEWAY_DATA_DIR", Files.createDirectories(dir.resolve("data")).toString());
    try (GatewayProcess gateway = GatewayProcess.fromJarWithOnly(JAR, work, env, log)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertEquals(200, get(http, gateway.port(), "/health").statusCode(), "GET /health");
      JsonObject answer = chat(http, gateway.port(), new JsonObject().put("text", "你好"));
      assertTrue(answer.getString("conversationSecret", "").length() >= 22, answer.encode());
      assertFalse(GatewayHarness.lastText(answer).isBlank(), answer.encode());

      long ms = stopsCleanly(gateway, log);
      System.out.println("defaults only: SIGTERM to exit " + ms + " ms");
    }
  }

  /**
   * SIGTERM, then: exit code 0 within the grace period, the last log line written before exit, and no WARN,
   * ERROR or stack trace anywhere in the log. Returns the milliseconds from the signal to the exit.
   */
  private static long stopsCleanly(GatewayProcess gateway, Path log) throws Exception {
    long signalled = System.nanoTime();
    gateway.signalTerm();
    Optional<Integer> exit = gateway.awaitExit(Duration.ofSeconds(GRACE_S + 20));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
    String all = Files.readString(log);
    assertTrue(exit.isPresent(), "still running after SIGTERM:\n" + all);
    assertEquals(0, exit.get(), "exit code after SIGTERM:\n" + all);
    assertTrue(ms <= GRACE_S * 1_000L, "SIGTERM to exit took " + ms + " ms:\n" + all);
    assertTrue(all.contains("stopped in"), "the last line is written before exit:\n" + all);
    assertEquals(List.of(), GatewayProcess.troubleIn(all), all);
    return ms;
  }

  /** One message in safe mode; checks the reply's signature and returns the text inside. */
  private static String aesText(WeChatClient wechat, String openId, String msgId, String text) {
    HttpResponse<Buffer> response = wechat.post(WeChatClient.textXml(openId, msgId, text), WeChatClient.Mode.AES);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    String body = response.bodyAsString();
    Map<String, String> envelope = GatewayHarness.fields(body);
    assertTrue(envelope.containsKey("Encrypt") && !envelope.containsKey("Content"), "an encrypted reply: " + body);
    String plain = wechat.decryptReply(body, envelope);
    String content = GatewayHarness.content(plain);
    assertTrue(content != null && !content.isBlank(), "a text reply: " + plain);
    return content;
  }

  private static java.net.http.HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(20)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject chat(HttpClient http, int port, JsonObject body) throws Exception {
    java.net.http.HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())).timeout(Duration.ofSeconds(20)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), "chat: " + r.body());
    JsonObject answer = new JsonObject(r.body());
    JsonArray replies = answer.getJsonArray("replies");
    assertTrue(replies != null && !replies.isEmpty(), "chat answer without replies: " + r.body());
    return answer;
  }

  /** The RT id of the ticket whose subject names {@code gatewayId}, once the outbox has delivered it. */
  private static String awaitInRt(String gatewayId) {
    String query = URLEncoder.encode("Subject LIKE '[" + gatewayId + "]'", StandardCharsets.UTF_8);
    String[] id = new String[1];
    Await.until(gatewayId + " in RT", () -> {
      try {
        JsonObject found = new JsonObject(rt.get("/REST/2.0/tickets?query=" + query));
        if (found.getInteger("count") == 1) {
          id[0] = found.getJsonArray("items").getJsonObject(0).getString("id");
          return true;
        }
        return false;
      } catch (Exception e) {
        return false;
      }
    });
    return id[0];
  }

  private static void openInRt(String rtId) throws IOException {
    WebClient http = WebClient.create(vertx);
    try {
      int status = await(http.putAbs(rt.url() + "/REST/2.0/ticket/" + rtId).basicAuthentication("root", "password")
          .sendJsonObject(new JsonObject().put("Status", "open"))).statusCode();
      if (status != 200) {
        throw new IOException("RT refused the status change of ticket " + rtId + ": HTTP " + status);
      }
    } finally {
      http.close();
    }
  }
}
