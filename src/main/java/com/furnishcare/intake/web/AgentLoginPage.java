package com.furnishcare.intake.web;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The console's login form ({@code webroot/agent/login.html}, read from the jar once). A notice is one of
 * the gateway's own fixed texts, never anything the request said; the return address ({@link LoginReturn})
 * is checked and escaped besides.
 */
final class AgentLoginPage {

  static final String WRONG = "用户名或密码不正确。";
  static final String SIGNED_OUT = "您已退出登录。";

  private final String template = read("webroot/agent/login.html");

  /** @param next where a successful login goes ({@link LoginReturn}: already checked), or empty */
  void send(RoutingContext ctx, int status, String notice, java.util.Optional<String> next) {
    String body = template.replace("<!--notice-->",
        notice.isEmpty() ? "" : "<p class=\"notice\" role=\"alert\">" + notice + "</p>")
        .replace("<!--next-->", next.map(n -> "<input type=\"hidden\" name=\"" + LoginReturn.PARAM + "\" value=\""
            + Html.escape(n) + "\">").orElse(""));
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'")
        .putHeader("Referrer-Policy", "no-referrer")
        .end(body);
  }

  static String tooManyFailures(long minutes) {
    return "登录失败次数过多，请 " + minutes + " 分钟后再试。";
  }

  private static String read(String resource) {
    try (InputStream in = AgentLoginPage.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
