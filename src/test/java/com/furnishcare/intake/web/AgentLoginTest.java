package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.AgentAccounts;
import com.furnishcare.intake.support.AgentConsoleClient;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RawHttp;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signing in to the agent console, the session it gives, signing out, CSRF and the login limits, on both stores. */
@ExtendWith(VertxExtension.class)
class AgentLoginTest {

  static final String PASSWORD = "西湖-correct-horse-7";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static RedisServer redis;

  @TempDir
  Path dataDir;
  @TempDir
  Path configDir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  @BeforeEach
  void emptyRedis() throws Exception {
    redis.flushAll(); // failure counters and sessions of an earlier test must not count here
  }

  private TestConfig config(String store) throws Exception {
    Path accounts = new AgentAccounts()
        .add("zhang.wei", "张伟", "supervisor", null, AgentAccounts.argon2id(PASSWORD))
        .add("wang.fang", "王芳<script>", "agent", null, AgentAccounts.bcrypt(PASSWORD))
        .add("d0571.li", "李娜", "dealer", "D0571", AgentAccounts.argon2id(PASSWORD))
        .writeTo(configDir.resolve("agents.yaml"));
    return TestConfig.onStore(store, dataDir, redis).with("AGENTS_FILE", accounts.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void aCorrectPasswordOpensASessionWhoseCookieIsHttpOnlyStrictAndUsableOnlyWithIt(String store, Vertx vertx)
      throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store));
      AgentConsoleClient browser = new AgentConsoleClient(gateway.port());
      assertEquals("/agent/", browser.get("/agent").headers().firstValue("Location").orElse(""));
      assertEquals(303, browser.get("/agent/").statusCode());
      assertEquals("/agent/login", browser.get("/agent/").headers().firstValue("Location").orElse(""));
      assertEquals(401, browser.get("/api/agent/me").statusCode());

      HttpResponse<String> login = browser.login("d0571.li", PASSWORD);
      assertEquals(303, login.statusCode(), login.body());
      assertEquals("/agent", login.headers().firstValue("Location").orElse(""));
      String cookie = AgentConsoleClient.setCookie(login).orElseThrow();
      assertTrue(cookie.matches("agent_session=[A-Za-z0-9_-]{43};.*"), cookie);
      assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("; httponly"), cookie);
      assertTrue(cookie.contains("SameSite=Strict"), cookie);
      assertTrue(cookie.contains("Path=/"), cookie);
      assertFalse(cookie.contains("Secure"), "plain HTTP from no proxy: " + cookie);
      assertFalse(cookie.contains("Max-Age"), "a browser session cookie: " + cookie);

      JsonObject me = browser.me();
      assertEquals("d0571.li", me.getString("username"));
      assertEquals("李娜", me.getString("displayName"));
      assertEquals("dealer", me.getString("role"));
      assertEquals("D0571", me.getString("dealer"));
      assertTrue(me.getString("csrf").length() >= 43, me.encode());
      assertEquals("/agent/", browser.get("/agent").headers().firstValue("Location").orElse(""));
      HttpResponse<String> page = browser.get("/agent/");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("/agent/console.js"), "the console page itself: " + page.body());

      // The stored form is a hash: the cookie value is nowhere in the store, another session id opens nothing.
      AgentConsoleClient other = new AgentConsoleClient(gateway.port());
      other.useSession(browser.session().orElseThrow().substring(1) + "A");
      assertEquals(401, other.get("/api/agent/me").statusCode());

      // An HQ agent's display name reaches the page only as JSON data (the console sets it as text), never
      // written into the page's HTML.
      AgentConsoleClient agent = new AgentConsoleClient(gateway.port());
      assertEquals(303, agent.login("wang.fang", PASSWORD).statusCode());
      assertEquals("agent", agent.me().getString("role"));
      assertEquals(null, agent.me().getValue("dealer"));
      String body = agent.get("/agent/").body();
      assertFalse(body.contains("王芳"), body);
      assertTrue(agent.me().getString("displayName").startsWith("王芳<script>"), agent.me().encode());
      assertNotEquals(agent.me().getString("csrf"), browser.me().getString("csrf"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswerInSimilarTime(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store).with("AGENT_LOGIN_ACCOUNT_FAILURES", "100")
          .with("AGENT_LOGIN_ADDRESS_FAILURES", "100"));
      AgentConsoleClient browser = new AgentConsoleClient(gateway.port());
      List<Long> wrong = new ArrayList<>();
      List<Long> unknown = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        long start = System.nanoTime();
        HttpResponse<String> a = browser.login("zhang.wei", PASSWORD + "x");
        wrong.add(System.nanoTime() - start);
        start = System.nanoTime();
        HttpResponse<String> b = browser.login("nobody" + i, PASSWORD);
        unknown.add(System.nanoTime() - start);
        for (HttpResponse<String> r : List.of(a, b)) {
          assertEquals(303, r.statusCode());
          assertEquals("/agent/login?error=1", r.headers().firstValue("Location").orElse(""));
          assertTrue(AgentConsoleClient.setCookie(r).isEmpty(), "no cookie for a failed login");
          assertEquals("", r.body());
        }
      }
      assertTrue(browser.session().isEmpty());
      // Both run one argon2id check (tens of ms); without the dummy check an unknown name would answer in ~1 ms.
      long wrongMs = Collections.min(wrong) / 1_000_000;
      long unknownMs = Collections.min(unknown) / 1_000_000;
      assertTrue(unknownMs * 2 >= wrongMs && wrongMs * 2 >= unknownMs,
          "wrong password " + wrongMs + " ms, unknown user " + unknownMs + " ms");
      assertTrue(browser.get("/agent/login?error=1").body().contains(AgentLoginPage.WRONG));
    }
  }

  @Test
  void theCookieIsSecureBehindATrustedTlsProxyOnly(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway trusting = harness.start(config("embedded").with("GATEWAY_TRUSTED_PROXIES", "127.0.0.1"));
      HttpResponse<String> viaProxy = new AgentConsoleClient(trusting.port())
          .login("zhang.wei", PASSWORD, "X-Forwarded-Proto", "https");
      assertTrue(AgentConsoleClient.setCookie(viaProxy).orElseThrow().contains("Secure"));
      HttpResponse<String> plain = new AgentConsoleClient(trusting.port()).login("zhang.wei", PASSWORD);
      assertFalse(AgentConsoleClient.setCookie(plain).orElseThrow().contains("Secure"));
    }
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway direct = harness.start(config("embedded"));
      HttpResponse<String> forged = new AgentConsoleClient(direct.port())
          .login("zhang.wei", PASSWORD, "X-Forwarded-Proto", "https");
      assertFalse(AgentConsoleClient.setCookie(forged).orElseThrow().contains("Secure"),
          "anyone can write X-Forwarded-Proto; only a trusted proxy is believed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void anIdleSessionEndsAndAUsedOneLives(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store).with("AGENT_SESSION_IDLE", "2s"));
      AgentConsoleClient used = new AgentConsoleClient(gateway.port());
      AgentConsoleClient idle = new AgentConsoleClient(gateway.port());
      used.login("zhang.wei", PASSWORD);
      idle.login("wang.fang", PASSWORD);
      for (int i = 0; i < 4; i++) {
        Thread.sleep(800);
        assertEquals(200, used.get("/api/agent/me").statusCode(), "used every 0.8 s");
      }
      assertEquals(401, idle.get("/api/agent/me").statusCode(), "3.2 s without use");
      assertEquals("/agent/login", idle.get("/agent/").headers().firstValue("Location").orElse(""));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void logoutNeedsTheCsrfTokenThenEndsTheSessionAndClearsTheCookie(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store));
      AgentConsoleClient browser = new AgentConsoleClient(gateway.port());
      browser.login("zhang.wei", PASSWORD);
      String csrf = browser.me().getString("csrf");
      assertEquals(403, browser.send("POST", "/agent/logout", FORM, "").statusCode());
      assertEquals(403, browser.send("POST", "/agent/logout", FORM, "csrf=" + csrf.substring(1) + "x").statusCode());
      assertEquals(200, browser.get("/api/agent/me").statusCode(), "a refused logout changes nothing");

      HttpResponse<String> out = browser.send("POST", "/agent/logout", FORM, "csrf=" + csrf);
      assertEquals(303, out.statusCode());
      assertEquals("/agent/login?signedOut=1", out.headers().firstValue("Location").orElse(""));
      String cleared = AgentConsoleClient.setCookie(out).orElseThrow();
      assertTrue(cleared.startsWith("agent_session=;") && cleared.contains("Max-Age=0"), cleared);
      assertEquals(401, browser.get("/api/agent/me").statusCode(), "the old cookie opens nothing any more");

      // The console's script signs out with the header instead of the form field.
      AgentConsoleClient script = new AgentConsoleClient(gateway.port());
      script.login("zhang.wei", PASSWORD);
      assertEquals(303, script.send("POST", "/agent/logout", null, null, "X-CSRF-Token",
          script.me().getString("csrf")).statusCode());
      assertEquals(401, script.get("/api/agent/me").statusCode());
    }
  }

  @Test
  void everyStateChangingRequestNeedsTheSessionsCsrfTokenAndOurOrigin(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config("embedded"));
      AgentConsoleClient browser = new AgentConsoleClient(gateway.port());
      browser.login("zhang.wei", PASSWORD);
      String csrf = browser.me().getString("csrf");
      AgentConsoleClient other = new AgentConsoleClient(gateway.port());
      other.login("wang.fang", PASSWORD);
      String self = "http://127.0.0.1:" + gateway.port();
      // /api/agent/me answers GET only: a POST that passes the check meets 404 (no such route), one that does not 403.
      assertEquals(403, browser.send("POST", "/api/agent/me", "application/json", "{}").statusCode());
      assertEquals(403, browser.send("POST", "/api/agent/me", "application/json", "{}", "X-CSRF-Token", "x").statusCode());
      assertEquals(403, browser.send("POST", "/api/agent/me", "application/json", "{}", "X-CSRF-Token",
          other.me().getString("csrf")).statusCode(), "another session's token");
      assertEquals(403, browser.send("DELETE", "/api/agent/me", null, null).statusCode());
      assertEquals(404, browser.send("POST", "/api/agent/me", "application/json", "{}", "X-CSRF-Token", csrf)
          .statusCode());
      HttpResponse<String> sameOrigin = browser.send("POST", "/api/agent/me", "application/json", "{}", "X-CSRF-Token",
          csrf, "Origin", self);
      assertEquals(404, sameOrigin.statusCode(), sameOrigin.body());
      assertEquals(403, browser.send("POST", "/api/agent/me", "application/json", "{}", "X-CSRF-Token", csrf,
          "Origin", "https://evil.example").statusCode(), "another site's page, even with the token");
      assertEquals(403, browser.send("POST", "/agent/", FORM, "csrf=" + csrf, "Origin", "https://evil.example")
          .statusCode());
      String handshake = "Cookie: agent_session=" + browser.session().orElseThrow() + "\r\nUpgrade: websocket\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
      assertEquals(403, RawHttp.send(gateway.port(), "GET", "/api/agent/me", handshake + "Origin: https://evil.example\r\n",
          null).status(), "another site's page opening a console socket");
      assertEquals(200, RawHttp.send(gateway.port(), "GET", "/api/agent/me", handshake, null).status(),
          "(the same request from the console's own page passes the check)");
      // Another site's page cannot sign a browser in to an account of the attacker's choosing either.
      HttpResponse<String> crossLogin = new AgentConsoleClient(gateway.port())
          .login("zhang.wei", PASSWORD, "Origin", "https://evil.example");
      assertEquals(403, crossLogin.statusCode());
      assertTrue(AgentConsoleClient.setCookie(crossLogin).isEmpty());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void anAccountIsRefusedAfterItsFailuresEvenWithTheRightPassword(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store));
      AgentConsoleClient browser = new AgentConsoleClient(gateway.port());
      for (int i = 0; i < 5; i++) {
        assertEquals(303, browser.login("zhang.wei", "guess-" + i).statusCode());
      }
      HttpResponse<String> refused = browser.login("zhang.wei", PASSWORD);
      assertEquals(429, refused.statusCode());
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertTrue(retryAfter > 800 && retryAfter <= 900, "the rest of the 15-minute window: " + retryAfter);
      assertTrue(refused.body().contains("登录失败次数过多"), refused.body());
      assertTrue(AgentConsoleClient.setCookie(refused).isEmpty());
      // Other accounts from the same address (5 failures, under its 20) still sign in.
      assertEquals(303, browser.login("wang.fang", PASSWORD).statusCode());
      assertEquals("wang.fang", browser.me().getString("username"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void anAddressIsRefusedAfterItsFailuresWhateverTheUsername(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store).with("AGENT_LOGIN_ADDRESS_FAILURES", "4")
          .with("GATEWAY_TRUSTED_PROXIES", "127.0.0.1"));
      AgentConsoleClient browser = new AgentConsoleClient(gateway.port());
      for (int i = 0; i < 4; i++) {
        browser.login("user" + i, "guess", "X-Forwarded-For", "203.0.113.7");
      }
      HttpResponse<String> refused = browser.login("zhang.wei", PASSWORD, "X-Forwarded-For", "203.0.113.7");
      assertEquals(429, refused.statusCode());
      assertTrue(refused.headers().firstValue("Retry-After").isPresent());
      assertEquals(303, browser.login("zhang.wei", PASSWORD, "X-Forwarded-For", "198.51.100.9").statusCode(),
          "another address");
      assertEquals("zhang.wei", browser.me().getString("username"));
    }
  }

  @Test
  void withRedisTwoProcessesShareSessionsAndFailureCounts(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway first = harness.start(config("redis"));
      Gateway second = harness.start(TestConfig.onStore("redis", configDir.resolve("second-data"), redis)
          .with("AGENTS_FILE", configDir.resolve("agents.yaml").toString()));
      AgentConsoleClient onFirst = new AgentConsoleClient(first.port());
      onFirst.login("zhang.wei", PASSWORD);
      AgentConsoleClient onSecond = new AgentConsoleClient(second.port());
      onSecond.useSession(onFirst.session().orElseThrow());
      assertEquals("zhang.wei", onSecond.me().getString("username"));

      for (int i = 0; i < 3; i++) {
        new AgentConsoleClient(first.port()).login("wang.fang", "guess-" + i);
        new AgentConsoleClient(second.port()).login("wang.fang", "guess-" + i);
      }
      assertEquals(429, new AgentConsoleClient(second.port()).login("wang.fang", PASSWORD).statusCode(),
          "3 + 3 failures in two processes are 6 against one limit of 5");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void loginsFailuresAndLogoutsAreAuditedAndOnlySupervisorsReadTheLog(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store));
      AgentConsoleClient agent = new AgentConsoleClient(gateway.port());
      agent.login("nobody", "guess-1");
      agent.login("wang.fang", "guess-2");
      agent.login("wang.fang", PASSWORD);
      assertEquals(403, agent.get("/api/agent/audit").statusCode());
      agent.send("POST", "/agent/logout", FORM, "csrf=" + agent.me().getString("csrf"));
      AgentConsoleClient supervisor = new AgentConsoleClient(gateway.port());
      supervisor.login("zhang.wei", PASSWORD);

      HttpResponse<String> response = supervisor.get("/api/agent/audit?limit=5");
      assertEquals(200, response.statusCode(), response.body());
      JsonArray entries = new JsonObject(response.body()).getJsonArray("entries");
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        JsonObject e = entries.getJsonObject(i);
        seen.add(e.getString("actor") + " " + e.getString("action") + " " + e.getString("detail"));
        assertEquals("127.0.0.1", e.getString("target"), "logins are kept with the client address");
        assertTrue(e.getString("at").endsWith("Z"), e.encode());
      }
      assertEquals(List.of("zhang.wei login ", "wang.fang logout ", "wang.fang login ",
          "wang.fang login_failed wrong password", "nobody login_failed unknown user"), seen);
      assertEquals(2, new JsonObject(supervisor.get("/api/agent/audit?limit=2").body()).getJsonArray("entries").size());
      assertEquals(400, supervisor.get("/api/agent/audit?limit=0").statusCode());
      assertEquals(400, supervisor.get("/api/agent/audit?limit=x").statusCode());
    }
  }
}
