package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.RawHttp;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route the running gateway has mounted and attacks each non-public one without
 * credentials, through the path spellings that once slipped past a prefix check: encoded and raw dot
 * segments, doubled slashes, case changes, path parameters. A route added later is attacked too.
 */
@ExtendWith(VertxExtension.class)
class RouteAuthorizationTest {

  /** The only routes anyone may call: each proves its caller another way (signature, secret path, chat secret). */
  private static final Set<String> PUBLIC = Set.of("GET /health", "GET /metrics", "GET /wechat", "POST /wechat",
      "POST /sms/tencent/:token/replies", "POST /api/chat/messages", "OPTIONS /api/chat/messages",
      // The chat page and the embed are static and public. (The socket is attacked like the rest: without a
      // WebSocket handshake it answers 400; with one, it proves the conversation's secret — ChatSocketTest.)
      "GET /chat", "GET /chat/chat.js", "GET /chat/chat.css", "GET /widget.js",
      // The conversation's id and secret open these; PhotoUploadTest sends them without (and with wrong ones).
      "POST /api/chat/photos", "GET /api/chat/photos/:id",
      // The link an SMS carries: the code is the credential (unknown codes are refused below and in
      // SmsChatLinkTest), and its page's script.
      "GET /c/:code", "GET /chat/link.js",
      // The console's login form and its post (the password is the credential; AgentLoginTest), and /agent,
      // which only sends the browser on to /agent/, where the session check is (attacked below).
      "GET /agent/login", "POST /agent/login", "GET /agent",
      // /reports likewise only sends the browser on to /reports/ (the dashboard, behind the same check).
      "GET /reports",
      // The survey page: the code is the credential (wrong ones are 404 and limited per address; unknown,
      // expired and malformed codes in SurveyPageApiTest), and its page's script and style.
      "GET /s/:code", "GET /s/:code/survey", "POST /s/:code/answers", "POST /s/:code/submit",
      "GET /survey/survey.js", "GET /survey/survey.css");

  @TempDir
  Path dataDir;

  record Endpoint(String method, String path) {}

  @Test
  void everyNonPublicRouteRefusesEverySpellingOfItsPathWithoutCredentials(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("SMS_PROVIDER", "tencent")
          .with("TENCENTCLOUD_SECRET_ID", "AKIDtest").with("TENCENTCLOUD_SECRET_KEY", "secret-key-for-tests")
          .with("SMS_SDK_APP_ID", "1400000000").with("SMS_SIGN_NAME", "测试").with("SMS_STATUS_TEMPLATE_ID", "100")
          .with("SMS_REPLY_TOKEN", "reply-token-0123456789").with("SMS_CHAT_LINK_TEMPLATE_ID", "101"));
      String ticketId = harness.webChatTicket(gateway, "victim");
      String conversationId = harness.conversationId("victim");

      List<Endpoint> guarded = new ArrayList<>();
      for (Endpoint e : endpoints(gateway.router(), "")) {
        if (!PUBLIC.contains(e.method() + " " + e.path())) {
          guarded.add(e);
        }
      }
      Set<String> found = new LinkedHashSet<>();
      guarded.forEach(e -> found.add(e.method() + " " + e.path()));
      for (String expected : List.of("GET /api/tickets", "GET /api/tickets/:id", "POST /api/tickets/:id/status",
          "GET /api/outbox", "POST /api/outbox/:ticketId/requeue", "GET /api/faq/search", "GET /api/deliveries",
          "GET /api/agent/me", "GET /api/agent/audit", "GET /agent/", "POST /agent/logout", "POST /api/surveys/dispatch",
          "GET /api/surveys/responses", "GET /api/surveys/summary", "GET /api/alerts", "GET /api/reports/summary",
          "GET /api/reports/dashboard", "GET /reports/", "GET /reports/reports.js", "GET /reports/reports.css",
          "GET /reports/echarts.min.js")) {
        assertTrue(found.contains(expected), "the walk did not find " + expected + " in " + found);
      }

      int attempts = 0;
      for (Endpoint e : guarded) {
        String path = e.path().replace(":id", ticketId).replace(":ticketId", ticketId);
        String query = e.path().startsWith("/api/faq") ? "?q=%E8%89%B2%E5%B7%AE" : "?userId=" + conversationId;
        for (String spelling : spellings(path)) {
          String body = e.method().equals("POST") ? "{\"status\":\"resolved\",\"note\":\"attacker\"}" : null;
          RawHttp.Response r = RawHttp.send(gateway.port(), e.method(), spelling + query,
              "Content-Type: application/json\r\n", body);
          attempts++;
          String what = e.method() + " " + spelling + " answered " + r.status() + ": " + r.body();
          assertTrue(refused(r), what);
          for (String secret : List.of(ticketId, "13800138000", "王芳", Intake.ADDRESS_FRAGMENT, conversationId)) {
            assertFalse(r.body().contains(secret), what);
          }
        }
      }
      assertTrue(attempts > 100, "only " + attempts + " attempts");
      assertTrue(endpoints(gateway.router(), "").contains(new Endpoint("GET", "/c/:code")), "the SMS link route is mounted");
      // The SMS link route hands out a conversation only for a live code: made-up and malformed ones are 404.
      for (String code : List.of("abcdef", "ABCDEF", "%2e%2e", "..;", "abcdef/..", "abcdef;x=1", "abc%00def")) {
        RawHttp.Response r = RawHttp.send(gateway.port(), "GET", "/c/" + code, "", null);
        assertEquals(404, r.status(), "/c/" + code + " answered " + r.status() + ": " + r.body());
        assertFalse(r.body().contains(conversationId), r.body());
      }
      // Nothing was changed through any of them, and the token still opens what the spellings could not.
      assertEquals("pending", harness.admin(gateway, "/api/tickets/" + ticketId).getString("status"));
      assertTrue(harness.admin(gateway, "/api/tickets").encode().contains(ticketId));
      RawHttp.Response withToken = RawHttp.send(gateway.port(), "GET", "/api/chat/%2e%2e/tickets",
          "Authorization: Bearer " + TestConfig.ADMIN_TOKEN + "\r\n", null);
      assertEquals(200, withToken.status(), "the normalised path is the admin route: " + withToken.body());
    }
  }

  /**
   * A refusal: a 4xx, or (how the console's pages refuse a browser without a session) a 303 to the login
   * page with nothing else in it; the dashboard's pages send it to the login page that comes back to the
   * dashboard.
   */
  static boolean refused(RawHttp.Response r) {
    String location = r.header("Location");
    boolean toLogin = r.status() == 303 && location != null && (location.equals("/agent/login")
        || location.startsWith("/agent/login?next=%2Freports%2F")) && r.body().isEmpty();
    return toLogin || (r.status() >= 400 && r.status() < 500);
  }

  /** Every route with a path, with its mount prefix, for each method it answers (a route without methods: GET and POST). */
  static List<Endpoint> endpoints(Router router, String prefix) {
    List<Endpoint> all = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (route.getSubRouter() != null) {
        String mount = path == null ? "" : path.replaceAll("/?\\*?$", "");
        all.addAll(endpoints(route.getSubRouter(), prefix + mount));
        continue;
      }
      if (path == null || path.isEmpty()) {
        continue; // handlers for every request (headers, deadlines, auth, failures), not endpoints
      }
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty()
          ? Set.of(HttpMethod.GET, HttpMethod.POST) : route.methods();
      for (HttpMethod m : methods) {
        all.add(new Endpoint(m.name(), prefix + path));
      }
    }
    return all;
  }

  /**
   * The ways an attacker spells a path so that a string comparison and the router disagree: climbing out
   * of a public route ({@code /api/chat} for the API, {@code /chat} for the console's pages) in encoded and
   * raw dot segments, doubled slashes, case changes, path parameters.
   */
  static List<String> spellings(String path) {
    String prefix = path.startsWith("/api/") ? "/api" : ""; // the folder the climb lands in
    String rest = path.substring(prefix.length()); // "/tickets/..." or "/agent/..."
    String up = prefix + "/chat"; // a public route inside that folder
    List<String> all = new ArrayList<>(List.of(
        path,
        up + "/%2e%2e" + rest,
        up + "/%2E%2E" + rest,
        up + "/.%2e" + rest,
        up + "/.." + rest,
        up + "/..%2f" + rest.substring(1),
        up + "/..%2F" + rest.substring(1),
        up + "/%2e%2e%2f" + rest.substring(1),
        up + "/messages/../.." + rest,
        up + "/./.." + rest,
        up + "/%252e%252e" + rest,
        up + "/..;" + rest,
        up + "/..\\" + rest.substring(1),
        "/" + path,
        prefix + "/" + rest,
        "/." + path,
        prefix + "/." + rest,
        prefix + "/x/.." + rest,
        "/" + path.substring(1).split("/", 2)[0].toUpperCase(Locale.ROOT) + path.substring(1 + path.substring(1).split("/", 2)[0].length()),
        path.toUpperCase(Locale.ROOT),
        prefix + "/" + Character.toUpperCase(rest.charAt(1)) + rest.substring(2),
        prefix + "/%" + Integer.toHexString(rest.charAt(1)) + rest.substring(2),
        "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2),
        path + ";",
        path + ";jsessionid=1",
        path + "/",
        path + "/.",
        path + "%20"));
    return all;
  }
}
