package com.furnishcare.intake.store;

import com.furnishcare.intake.alert.AlertDelivery;
import com.furnishcare.intake.alert.AlertKind;
import com.furnishcare.intake.alert.AlertState;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * The part of an alert delivery that never changes, as JSON; both backends keep the changing part (state,
 * attempts, due time, error) beside it where their scripts and queries can reach it.
 */
public final class StoredAlerts {

  private StoredAlerts() {}

  public static String fixed(AlertDelivery d) {
    return new JsonObject().put("id", d.id()).put("alertId", d.alertId()).put("kind", d.kind().wireName())
        .put("ticketId", d.ticketId()).put("robot", d.robot()).put("content", d.content())
        .put("createdAt", d.createdAt().toEpochMilli()).encode();
  }

  /** The delivery from its fixed JSON and its current state. */
  public static AlertDelivery delivery(String fixed, AlertState state, int attempts, Instant nextAttemptAt,
      String lastError, Optional<Instant> finishedAt) {
    JsonObject j = new JsonObject(fixed);
    return new AlertDelivery(j.getString("id"), j.getString("alertId"),
        AlertKind.fromWire(j.getString("kind")).orElseThrow(() -> new IllegalStateException("unknown alert kind "
            + j.getString("kind"))),
        j.getString("ticketId"), j.getString("robot"), j.getString("content"),
        Instant.ofEpochMilli(j.getLong("createdAt")), state, attempts, nextAttemptAt, lastError, finishedAt);
  }
}
