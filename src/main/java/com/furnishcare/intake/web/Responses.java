package com.furnishcare.intake.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** Small JSON answers shared by the HTTP handlers; error bodies never carry stack traces or library text. */
final class Responses {

  private Responses() {}

  static void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      // The client went away or a timeout already answered: nothing left to say.
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body));
  }

  static void error(RoutingContext ctx, int status, String message) {
    json(ctx, status, new JsonObject().put("error", message));
  }

  /** 429 with Retry-After in whole seconds (at least 1), as RFC 9110 asks. */
  static void tooManyRequests(RoutingContext ctx, Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    ctx.response().putHeader("Retry-After", Long.toString(seconds));
    error(ctx, 429, "too many requests; retry in " + seconds + " s");
  }
}
