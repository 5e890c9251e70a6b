package com.furnishcare.intake.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells a browser request sent by another site's page from one of the console's own: such a request
 * carries an {@code Origin} whose host differs from {@code Host}, or {@code Sec-Fetch-Site: cross-site}.
 * Requests without either header are not from a browser page (or are same-origin navigations).
 */
final class SameSiteRequests {

  private SameSiteRequests() {}

  static boolean crossSite(RoutingContext ctx) {
    String fetchSite = ctx.request().getHeader("Sec-Fetch-Site");
    if ("cross-site".equalsIgnoreCase(fetchSite)) {
      return true;
    }
    // Only the browser sets Sec-Fetch-Site (a page's script cannot): "same-origin" settles it, also when
    // the Origin is the opaque "null" a page under Referrer-Policy no-referrer sends with a form post.
    if ("same-origin".equalsIgnoreCase(fetchSite)) {
      return false;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      return false;
    }
    // The request's authority: Host in HTTP/1.1, :authority in HTTP/2 (which has no Host header).
    HostAndPort authority = ctx.request().authority();
    int scheme = origin.indexOf("://");
    if (authority == null || scheme < 0) {
      return true;
    }
    String self = authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
    return !origin.substring(scheme + 3).equalsIgnoreCase(self);
  }

  /** GET, HEAD and OPTIONS change nothing here; everything else does (and a WebSocket upgrade opens a channel). */
  static boolean changesState(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    return !(m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS);
  }

  static boolean webSocketUpgrade(RoutingContext ctx) {
    return "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
  }
}
