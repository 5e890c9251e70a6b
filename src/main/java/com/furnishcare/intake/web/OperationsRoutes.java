package com.furnishcare.intake.web;

import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** /health, /metrics and the admin read-outs. */
final class OperationsRoutes {

  private final SessionStore sessions;
  private final String backend;
  private final GatewayMetrics metrics;
  private final com.furnishcare.intake.core.DeliveryLog deliveries;

  OperationsRoutes(SessionStore sessions, String backend, GatewayMetrics metrics,
      com.furnishcare.intake.core.DeliveryLog deliveries) {
    this.sessions = sessions;
    this.backend = backend;
    this.metrics = metrics;
    this.deliveries = deliveries;
  }

  /** Health and metrics: public, and free of personal data. */
  void mountPublic(Router root) {
    root.get("/health").handler(this::health);
    root.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
  }

  /** On the admin sub-router (mounted at {@code /api}, behind the admin token). */
  void mountAdmin(Router admin) {
    admin.get("/deliveries").handler(this::recentDeliveries);
  }

  private void health(RoutingContext ctx) {
    sessions.ping().timeout(2, TimeUnit.SECONDS).onComplete(ar -> {
      JsonObject body = new JsonObject().put("store", backend);
      if (ar.succeeded()) {
        Responses.json(ctx, 200, body.put("status", "up"));
      } else {
        Responses.json(ctx, 503, body.put("status", "down").put("reason", "store does not answer"));
      }
    });
  }

  private void recentDeliveries(RoutingContext ctx) {
    int limit;
    try {
      limit = Integer.parseInt(ctx.request().getParam("limit", "50"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 1000) {
      Responses.error(ctx, 400, "limit must be a whole number from 1 to 1000");
      return;
    }
    Future<List<DeliveryEvent>> recent = deliveries.recent(limit);
    recent.onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "store unavailable");
        return;
      }
      JsonArray items = new JsonArray();
      for (DeliveryEvent e : ar.result()) {
        items.add(new JsonObject().put("kind", e.kind()).put("channel", e.channel().wireName())
            .put("userId", e.userId()).put("reference", e.reference()).put("detail", e.detail())
            .put("at", e.at().toString()));
      }
      Responses.json(ctx, 200, new JsonObject().put("items", items));
    });
  }
}
