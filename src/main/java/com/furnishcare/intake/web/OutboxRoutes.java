package com.furnishcare.intake.web;

import com.furnishcare.intake.core.Outbox;
import com.furnishcare.intake.core.OutboxEntry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/** {@code GET /api/outbox} (pending, dead letters, age of the oldest) and {@code POST /api/outbox/{id}/requeue} (admin). */
final class OutboxRoutes {

  private final Outbox outbox;
  private final Clock clock;

  OutboxRoutes(Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  /** On the admin sub-router (mounted at {@code /api}, behind the admin token). */
  void mount(Router admin) {
    admin.get("/outbox").handler(this::overview);
    admin.post("/outbox/:ticketId/requeue").handler(this::requeue);
  }

  private void overview(RoutingContext ctx) {
    outbox.stats().compose(stats -> outbox.deadLetters(100).map(dead -> {
      JsonArray letters = new JsonArray();
      for (OutboxEntry e : dead) {
        letters.add(new JsonObject().put("ticketId", e.ticketId()).put("attempts", e.attempts())
            .put("lastError", e.lastError()).put("createdAt", e.createdAt().toString()));
      }
      return new JsonObject()
          .put("pending", stats.pending())
          .put("deadLettered", stats.dead())
          .put("oldestPendingAgeSeconds", stats.oldestPendingCreatedAt()
              .map(c -> Math.max(0, Duration.between(c, clock.instant()).toSeconds())).orElse(0L))
          .put("deadLetters", letters);
    })).onComplete(ar -> {
      if (ar.succeeded()) {
        Responses.json(ctx, 200, ar.result());
      } else {
        Responses.error(ctx, 503, "store unavailable");
      }
    });
  }

  private void requeue(RoutingContext ctx) {
    String ticketId = ctx.pathParam("ticketId");
    outbox.requeue(ticketId, clock.instant()).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "store unavailable");
      } else if (!ar.result()) {
        Responses.error(ctx, 404, "no dead letter for ticket " + ticketId);
      } else {
        Responses.json(ctx, 200, new JsonObject().put("ticketId", ticketId).put("requeued", true));
      }
    });
  }
}
