package com.furnishcare.intake.web;

import com.furnishcare.intake.alert.AlertDelivery;
import com.furnishcare.intake.alert.AlertStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/alerts} (admin): the newest alert deliveries and what became of them, so an operator sees a
 * robot that refuses (93000: its key was reset) without reading logs. The message text is left out.
 */
final class AlertRoutes {

  private static final int LIMIT = 200;

  private final AlertStore alerts;

  AlertRoutes(AlertStore alerts) {
    this.alerts = alerts;
  }

  /** On the admin sub-router (mounted at {@code /api}, behind the admin token). */
  void mount(Router admin) {
    admin.get("/alerts").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    alerts.recent(LIMIT).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "store unavailable");
        return;
      }
      JsonArray items = new JsonArray();
      for (AlertDelivery d : ar.result()) {
        items.add(new JsonObject().put("id", d.id()).put("alertId", d.alertId()).put("kind", d.kind().wireName())
            .put("ticketId", d.ticketId()).put("robot", d.robot()).put("state", d.state().wireName())
            .put("attempts", d.attempts()).put("lastError", d.lastError()).put("createdAt", d.createdAt().toString())
            .put("finishedAt", d.finishedAt().map(Object::toString).orElse(null)));
      }
      Responses.json(ctx, 200, new JsonObject().put("items", items));
    });
  }
}
