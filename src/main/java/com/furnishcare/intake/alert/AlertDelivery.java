package com.furnishcare.intake.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert on its way to one robot. An alert (id {@code level3:TK…}) that goes to the dealer's and
 * headquarters' groups is two deliveries ({@code level3:TK…@dealer:D0571}, {@code level3:TK…@hq}), so a
 * robot that refuses or limits does not make the other group see the alert twice.
 *
 * @param id {@code alertId@robot}; the store keeps one delivery per id, ever
 * @param ticketId the ticket it is about; empty for dead letters' batch and the digest
 * @param robot {@code hq}, {@code region:<name>} or {@code dealer:<id>}: a name, resolved to its webhook key
 *     from the alerts file when sent (the key is a secret and is not stored)
 * @param content the markdown, rendered when the alert was raised
 * @param nextAttemptAt due time; while a sender holds it, the end of its lease
 */
public record AlertDelivery(String id, String alertId, AlertKind kind, String ticketId, String robot, String content,
    Instant createdAt, AlertState state, int attempts, Instant nextAttemptAt, String lastError,
    Optional<Instant> finishedAt) {

  public AlertDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    ticketId = ticketId == null ? "" : ticketId;
    lastError = lastError == null ? "" : lastError;
  }

  /** A new delivery, due at once. */
  public static AlertDelivery raised(String alertId, AlertKind kind, String ticketId, String robot, String content,
      Instant at) {
    return new AlertDelivery(alertId + "@" + robot, alertId, kind, ticketId, robot, content, at, AlertState.PENDING, 0,
        at, "", Optional.empty());
  }
}
