package com.furnishcare.intake.store;

import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionVersion;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON both stores write, so an embedded data set and a Redis data set hold the same shapes. */
public final class StoredForms {

  private StoredForms() {}

  public static String audit(AuditEntry entry) {
    return new JsonObject().put("actor", entry.actor()).put("action", entry.action()).put("target", entry.target())
        .put("detail", entry.detail()).put("at", entry.at().toEpochMilli()).encode();
  }

  public static AuditEntry audit(String json) {
    JsonObject o = new JsonObject(json);
    return new AuditEntry(o.getString("actor", ""), o.getString("action", ""), o.getString("target", ""),
        o.getString("detail", ""), Instant.ofEpochMilli(o.getLong("at", 0L)));
  }

  /** The stored text of a session, starting with a fresh version token ({@link SessionVersion}). */
  public static String session(Session session) {
    return StoredSessions.write(session, SessionVersion.fresh());
  }

  /** The stored text of a session whose version is {@code token} (a fresh one the writer reports back). */
  public static String session(Session session, String token) {
    return StoredSessions.write(session, token);
  }

  public static Session session(String json) {
    return StoredSessions.read(json);
  }

  public static String reply(RecordedReply reply) {
    return StoredReplies.write(reply);
  }

  public static RecordedReply reply(String json) {
    return StoredReplies.read(json);
  }

  public static String ticket(Ticket t) {
    return ticketJson(t).encode();
  }

  /** The ticket as the admin API and the stores show it. */
  public static JsonObject ticketJson(Ticket t) {
    return new JsonObject()
        .put("id", t.id())
        .put("status", t.status().wireName())
        .put("level", t.level())
        .put("category", t.category())
        .put("customerName", t.customerName())
        .put("phone", t.phone())
        .put("orderNo", t.orderNo())
        .put("address", t.address())
        .put("description", t.description())
        .put("wants", t.wants())
        .put("attachments", new JsonArray(List.copyOf(t.attachments())))
        .put("channel", t.channel().wireName())
        .put("userId", t.userId())
        .put("createdAt", t.createdAt().toString())
        .put("firstResponseDueAt", t.firstResponseDueAt().toString())
        .put("resolutionDueAt", t.resolutionDueAt().toString())
        .put("occurredOn", t.occurredOn())
        .put("needsAgent", t.needsAgent())
        .put("escalation", t.escalation())
        .put("transcript", new JsonArray(List.copyOf(t.transcript())))
        .put("dealer", t.route().dealer())
        .put("dealerName", t.route().dealerName())
        .put("region", t.route().region())
        .put("installer", t.installer())
        .put("firstRespondedAt", t.firstRespondedAt().map(Instant::toString).orElse(null))
        .put("resolvedAt", t.resolvedAt().map(Instant::toString).orElse(null))
        .put("reopenCount", t.reopenCount())
        .put("origin", t.origin());
  }

  public static Ticket ticket(String json) {
    JsonObject o = new JsonObject(json);
    return new Ticket(o.getString("id"), TicketStatus.fromWire(o.getString("status")), o.getInteger("level"),
        o.getString("category"), o.getString("customerName"), o.getString("phone"), o.getString("orderNo"),
        o.getString("address"), o.getString("description"), o.getString("wants"),
        strings(o.getJsonArray("attachments")), channel(o.getString("channel")), o.getString("userId"),
        Instant.parse(o.getString("createdAt")), Instant.parse(o.getString("firstResponseDueAt")),
        Instant.parse(o.getString("resolutionDueAt")), o.getString("occurredOn", ""),
        o.getBoolean("needsAgent", false), o.getString("escalation", ""), strings(o.getJsonArray("transcript")),
        o.containsKey("dealer")
            ? new Route(o.getString("dealer"), o.getString("dealerName", ""), o.getString("region", ""))
            : Route.headquarters(), o.getString("installer", ""),
        instant(o.getString("firstRespondedAt")), instant(o.getString("resolvedAt")), o.getInteger("reopenCount", 0),
        o.getString("origin", ""));
  }

  /** A ticket stored before a timestamp existed reads it as absent. */
  private static Optional<Instant> instant(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(value));
  }

  public static ChannelName channel(String wireName) {
    for (ChannelName c : ChannelName.values()) {
      if (c.wireName().equals(wireName)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown channel " + wireName);
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  public static String delivery(DeliveryEvent event) {
    return new JsonObject()
        .put("kind", event.kind())
        .put("channel", event.channel().name())
        .put("userId", event.userId())
        .put("reference", event.reference())
        .put("detail", event.detail())
        .put("at", event.at().toEpochMilli())
        .encode();
  }

  public static DeliveryEvent delivery(String json) {
    JsonObject o = new JsonObject(json);
    return new DeliveryEvent(o.getString("kind"), ChannelName.valueOf(o.getString("channel")),
        o.getString("userId"), o.getString("reference"), o.getString("detail"),
        Instant.ofEpochMilli(o.getLong("at")));
  }
}
