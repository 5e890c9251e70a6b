package com.furnishcare.intake.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Bearer-token check for {@code /api/**}. Without a configured token the admin API is closed, not open:
 * ticket and conversation data must never be readable by default.
 */
final class AdminAuth implements Handler<RoutingContext> {

  private final Optional<byte[]> expected;

  AdminAuth(Optional<String> token) {
    this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (expected.isEmpty()) {
      Responses.error(ctx, 503, "admin API disabled: set GATEWAY_ADMIN_TOKEN");
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !MessageDigest.isEqual(expected.get(), header.getBytes(StandardCharsets.UTF_8))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      Responses.error(ctx, 401, "missing or wrong admin token");
      return;
    }
    ctx.next();
  }
}
