package com.furnishcare.intake.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page
 * makes the browser send it), Path=/, and Secure when the browser reached us over TLS, directly or
 * through a trusted proxy that says so in {@code X-Forwarded-Proto}. No Max-Age: the browser forgets it
 * when closed, and the store ends it when idle.
 */
final class AgentCookie {

  static final String NAME = "agent_session";

  private final ClientAddress clients;

  AgentCookie(ClientAddress clients) {
    this.clients = clients;
  }

  static Optional<String> read(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(NAME);
    String value = cookie == null ? null : cookie.getValue();
    // A session id is 43 URL-safe characters; anything else is not worth a store lookup.
    return value != null && value.matches("[A-Za-z0-9_-]{43}") ? Optional.of(value) : Optional.empty();
  }

  void set(RoutingContext ctx, String sessionId) {
    ctx.response().addCookie(cookie(ctx, sessionId));
  }

  void clear(RoutingContext ctx) {
    ctx.response().addCookie(cookie(ctx, "").setMaxAge(0));
  }

  private Cookie cookie(RoutingContext ctx, String value) {
    return Cookie.cookie(NAME, value).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/")
        .setSecure(overTls(ctx));
  }

  boolean overTls(RoutingContext ctx) {
    if (ctx.request().isSSL()) {
      return true;
    }
    String proto = ctx.request().getHeader("X-Forwarded-Proto");
    // The first value is the one the client-facing proxy wrote; only a trusted proxy is believed.
    return proto != null && clients.fromTrustedProxy(ctx) && proto.split(",")[0].strip().equalsIgnoreCase("https");
  }
}
