package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.alert.AlertDelivery;
import com.furnishcare.intake.alert.AlertState;
import com.furnishcare.intake.alert.AlertStore;
import com.furnishcare.intake.store.StoredAlerts;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alert deliveries in the embedded SQLite file (table {@code alerts}). One process owns the file, but the
 * lease still matters: a pass that outlives its lease (a robot that hangs) must not be joined by the next.
 */
public final class EmbeddedAlertStore implements AlertStore {

  private static final String COLUMNS = "body, state, attempts, due_at, last_error, finished_at";

  private final SqliteDatabase db;

  EmbeddedAlertStore(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Integer> raise(List<AlertDelivery> deliveries) {
    if (deliveries.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return db.transaction(c -> {
      int added = 0;
      try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO alerts (id, alert_id, body, state,"
          + " attempts, due_at, last_error, created_at) VALUES (?, ?, ?, 'pending', 0, ?, '', ?)")) {
        for (AlertDelivery d : deliveries) {
          insert.setString(1, d.id());
          insert.setString(2, d.alertId());
          insert.setString(3, StoredAlerts.fixed(d));
          insert.setLong(4, d.nextAttemptAt().toEpochMilli());
          insert.setLong(5, d.createdAt().toEpochMilli());
          added += insert.executeUpdate();
        }
      }
      return added;
    });
  }

  @Override
  public Future<Boolean> raised(String alertId) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM alerts WHERE alert_id = ? LIMIT 1")) {
        q.setString(1, alertId);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public Future<List<AlertDelivery>> claimDue(Instant now, int limit, Duration lease) {
    long leasedUntil = now.plus(lease).toEpochMilli();
    return db.transaction(c -> {
      List<AlertDelivery> due = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE state = 'pending'"
          + " AND due_at <= ? ORDER BY due_at LIMIT ?")) {
        q.setLong(1, now.toEpochMilli());
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            due.add(read(rs));
          }
        }
      }
      try (PreparedStatement lease1 = c.prepareStatement("UPDATE alerts SET due_at = ? WHERE id = ?")) {
        for (AlertDelivery d : due) {
          lease1.setLong(1, leasedUntil);
          lease1.setString(2, d.id());
          lease1.executeUpdate();
        }
      }
      return due.stream().map(d -> new AlertDelivery(d.id(), d.alertId(), d.kind(), d.ticketId(), d.robot(),
          d.content(), d.createdAt(), d.state(), d.attempts(), Instant.ofEpochMilli(leasedUntil), d.lastError(),
          d.finishedAt())).toList();
    });
  }

  @Override
  public Future<Void> retry(String id, int attempts, Instant at, String error) {
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE alerts SET attempts = ?, due_at = ?, last_error = ?"
          + " WHERE id = ? AND state = 'pending'")) {
        u.setInt(1, attempts);
        u.setLong(2, at.toEpochMilli());
        u.setString(3, clip(error));
        u.setString(4, id);
        u.executeUpdate();
      }
      return (Void) null;
    });
  }

  @Override
  public Future<Void> finish(String id, AlertState outcome, String detail, Instant at) {
    if (outcome == AlertState.PENDING) {
      return Future.failedFuture(new IllegalArgumentException("pending is no outcome"));
    }
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE alerts SET state = ?, last_error = ?, finished_at = ?"
          + " WHERE id = ? AND state = 'pending'")) {
        u.setString(1, outcome.wireName());
        u.setString(2, clip(detail));
        u.setLong(3, at.toEpochMilli());
        u.setString(4, id);
        u.executeUpdate();
      }
      return (Void) null;
    });
  }

  @Override
  public Future<Optional<AlertDelivery>> get(String id) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
        q.setString(1, id);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<List<AlertDelivery>> recent(int limit) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts ORDER BY created_at DESC,"
          + " id LIMIT ?")) {
        q.setInt(1, limit);
        List<AlertDelivery> result = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            result.add(read(rs));
          }
        }
        return result;
      }
    });
  }

  private static AlertDelivery read(ResultSet rs) throws SQLException {
    long finished = rs.getLong(6);
    Optional<Instant> finishedAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(finished));
    return StoredAlerts.delivery(rs.getString(1), AlertState.fromWire(rs.getString(2)), rs.getInt(3),
        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), finishedAt);
  }

  static String clip(String text) {
    String t = text == null ? "" : text;
    return t.length() > 500 ? t.substring(0, 500) : t;
  }
}
