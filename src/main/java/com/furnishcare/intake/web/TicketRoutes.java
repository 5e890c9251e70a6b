package com.furnishcare.intake.web;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import com.furnishcare.intake.ticket.TicketStatusUpdates;
import java.util.Optional;

/** {@code GET /api/tickets?status=&channel=&userId=&orderNo=&limit=} and {@code GET /api/tickets/{id}} (admin). */
final class TicketRoutes {

  private final TicketStore tickets;
  private final TicketStatusUpdates updates;

  TicketRoutes(TicketStore tickets, TicketStatusUpdates updates) {
    this.tickets = tickets;
    this.updates = updates;
  }

  /** On the admin sub-router (mounted at {@code /api}, behind the admin token). */
  void mount(Router admin) {
    admin.get("/tickets").handler(this::list);
    admin.get("/tickets/:id").handler(this::one);
    admin.post("/tickets/:id/status").handler(PublicGuards.requireJson())
        .handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::status);
  }

  /**
   * {@code {"status": "in_progress|resolved|...", "note": "...", "eventId": "..."}}: a change reported by
   * the ticketing system (webhook sink); the customer is told on their channel.
   */
  private void status(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    if (body == null || !(body.getValue("status") instanceof String raw)) {
      Responses.error(ctx, 400, "body must be JSON with a status");
      return;
    }
    TicketStatus status;
    try {
      status = TicketStatus.fromWire(raw);
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, "status must be one of pending, in_progress, resolved, unsatisfied, closed");
      return;
    }
    String note = body.getValue("note") instanceof String n ? n : "";
    String eventId = body.getValue("eventId") instanceof String e ? e : Long.toString(System.currentTimeMillis());
    if (note.length() > 500 || eventId.length() > 100) {
      Responses.error(ctx, 400, "note is limited to 500 characters and eventId to 100");
      return;
    }
    updates.apply(ctx.pathParam("id"), status, note, eventId).onComplete(ar -> {
      if (ar.succeeded()) {
        Responses.json(ctx, 200, StoredForms.ticketJson(ar.result()));
      } else if (ar.cause() instanceof TicketStatusUpdates.UnknownTicket) {
        Responses.error(ctx, 404, "no ticket " + ctx.pathParam("id"));
      } else {
        Responses.error(ctx, 503, "the update could not be applied; retry");
      }
    });
  }

  private void list(RoutingContext ctx) {
    Optional<TicketStatus> status;
    Optional<ChannelName> channel;
    int limit;
    try {
      status = param(ctx, "status").map(TicketStatus::fromWire);
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, "status must be one of pending, in_progress, resolved, unsatisfied, closed");
      return;
    }
    try {
      channel = param(ctx, "channel").map(StoredForms::channel);
    } catch (IllegalArgumentException e) {
      Responses.error(ctx, 400, "channel must be one of wechat, sms, webchat");
      return;
    }
    try {
      limit = Integer.parseInt(param(ctx, "limit").orElse("100"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 1000) {
      Responses.error(ctx, 400, "limit must be a whole number from 1 to 1000");
      return;
    }
    TicketQuery query = new TicketQuery(status, channel, param(ctx, "userId"), param(ctx, "orderNo"), Optional.empty(),
        Optional.empty());
    tickets.find(query, limit).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "store unavailable");
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().forEach(t -> items.add(StoredForms.ticketJson(t)));
      Responses.json(ctx, 200, new JsonObject().put("items", items));
    });
  }

  private void one(RoutingContext ctx) {
    tickets.get(ctx.pathParam("id")).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "store unavailable");
      } else if (ar.result().isEmpty()) {
        Responses.error(ctx, 404, "no ticket " + ctx.pathParam("id"));
      } else {
        Responses.json(ctx, 200, StoredForms.ticketJson(ar.result().get()));
      }
    });
  }

  private static Optional<String> param(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
