package com.furnishcare.intake.web;

import com.furnishcare.intake.metrics.GatewayMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on a failed request: a short generic body (no library text, no stack trace), the
 * error counted, and a stack trace in the log only for a real server fault. A client that went away
 * before its request was read is not a server error.
 */
final class FailureResponder implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureResponder.class);

  private final GatewayMetrics metrics;

  FailureResponder(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().closed()) {
      metrics.error("client_aborted");
      LOG.debug("client closed the connection during {}", ctx.request().method());
      return;
    }
    int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
    metrics.error("http_" + status);
    if (status >= 500) {
      // The route's pattern, not the path: a path may carry a secret (the SMS callback's token).
      String route = ctx.currentRoute() == null ? "?" : String.valueOf(ctx.currentRoute().getPath());
      LOG.error("request {} {} failed", ctx.request().method(), route, ctx.failure());
    }
    if (!ctx.response().ended()) {
      String message = switch (status) {
        case 401 -> "unauthorized";
        case 403 -> "forbidden";
        case 404 -> "not found";
        case 405 -> "method not allowed";
        case 408 -> "request timeout";
        case 413 -> "request body too large";
        case 415 -> "unsupported media type";
        default -> status >= 500 ? "internal error" : "bad request";
      };
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }
  }
}
