package com.furnishcare.intake.ticket;

import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketSink;
import com.furnishcare.intake.core.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Request Tracker through its REST 2.0 API. Exactly one RT ticket per gateway ticket: the gateway id
 * stands in the Subject ({@code [TK261124-7KQ3M] 色差 · 订单DD2026110301}) and RT is searched for it
 * before anything is created, so a delivery repeated after RT created the ticket but before the relay
 * recorded it finds the first one instead of making a second. A ticket delivered again because the
 * customer said it is not solved re-opens the RT ticket (status open, new priority, a comment).
 */
public final class RequestTrackerSink implements TicketSink {

  private static final DateTimeFormatter RT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  private final RtClient rt;
  private final RtRouting routing;
  private final TicketText text;
  private final RtPhotos photos;

  /** @param blobs the gateway's copies of the photos, attached to the ticket RT creates */
  public RequestTrackerSink(Vertx vertx, String url, Optional<String> token, Optional<String> user,
      Optional<String> password, RtRouting routing, TicketText text, BlobStore blobs) {
    this.rt = new RtClient(vertx, url, token, user, password);
    this.routing = routing;
    this.text = text;
    this.photos = new RtPhotos(vertx, blobs, Clock.systemUTC());
  }

  @Override
  public Future<String> deliver(Ticket ticket) {
    return find(ticket.id()).compose(existing -> existing.isPresent()
        ? bringUpToDate(existing.get(), ticket).map(existing.get())
        : create(ticket));
  }

  /** Only a re-opening travels back to RT; every other status change starts in RT itself. */
  private Future<Void> bringUpToDate(String rtId, Ticket ticket) {
    if (ticket.status() != TicketStatus.UNSATISFIED) {
      return Future.succeededFuture();
    }
    return request(HttpMethod.GET, "/ticket/" + rtId).send().expecting(StatusExpectation.success())
        .compose(response -> {
          String status = response.bodyAsJsonObject().getString("Status", "");
          if (status.equals("open") || status.equals("new") || status.equals("stalled")) {
            return Future.succeededFuture();
          }
          JsonObject reopen = new JsonObject().put("Status", "open").put("Priority", priority(ticket.level()))
              .put("Due", RT_DATE.format(ticket.resolutionDueAt()));
          JsonObject comment = new JsonObject().put("ContentType", "text/plain")
              .put("Content", "客户反馈问题未解决，工单已重新打开并升级为" + ticket.level() + "级。");
          return request(HttpMethod.PUT, "/ticket/" + rtId)
              .putHeader("Content-Type", "application/json; charset=utf-8")
              .sendBuffer(Buffer.buffer(reopen.encode()))
              .expecting(StatusExpectation.success())
              .compose(ok -> request(HttpMethod.POST, "/ticket/" + rtId + "/comment")
                  .putHeader("Content-Type", "application/json; charset=utf-8")
                  .sendBuffer(Buffer.buffer(comment.encode()))
                  .expecting(StatusExpectation.exactly(201)))
              .mapEmpty();
        });
  }

  private Future<Optional<String>> find(String gatewayId) {
    String query = "Subject LIKE '[" + gatewayId + "]'";
    return request(HttpMethod.GET, "/tickets")
        .addQueryParam("query", query)
        .send()
        .expecting(StatusExpectation.success())
        .map(response -> {
          JsonArray items = response.bodyAsJsonObject().getJsonArray("items", new JsonArray());
          return items.isEmpty() ? Optional.<String>empty() : Optional.of(items.getJsonObject(0).getString("id"));
        });
  }

  /** The photos go with the create request (REST 2.0 takes Attachments there), so they arrive with the ticket. */
  private Future<String> create(Ticket ticket) {
    return photos.prepare(ticket).compose(prepared -> create(ticket, prepared));
  }

  private Future<String> create(Ticket ticket, RtPhotos.Prepared prepared) {
    RtRouting.Target target = routing.forDealer(ticket.route().dealer());
    String content = text.body(ticket) + prepared.missingNote().map(note -> "\n" + note + "\n").orElse("");
    JsonObject body = new JsonObject()
        .put("Queue", target.queue())
        .put("Subject", text.subject(ticket))
        .put("Content", content)
        .put("ContentType", "text/plain")
        .put("Priority", priority(ticket.level()))
        .put("Due", RT_DATE.format(ticket.resolutionDueAt()));
    target.owner().ifPresent(owner -> body.put("Owner", owner));
    if (!prepared.attachments().isEmpty()) {
      body.put("Attachments", prepared.attachments());
    }
    return request(HttpMethod.POST, "/ticket")
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .sendBuffer(Buffer.buffer(body.encode()))
        .expecting(StatusExpectation.exactly(201))
        .map(response -> response.bodyAsJsonObject().getString("id"));
  }

  /** RT priorities run 0-99; levels 1-3 map to low, medium and urgent. */
  static int priority(int level) {
    return switch (level) {
      case 3 -> 90;
      case 2 -> 60;
      default -> 30;
    };
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return rt.request(method, path, 10_000);
  }

  @Override
  public String name() {
    return "rt";
  }
}
