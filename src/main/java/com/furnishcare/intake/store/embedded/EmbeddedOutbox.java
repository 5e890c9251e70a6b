package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.Outbox;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.OutboxStats;
import com.furnishcare.intake.core.Ticket;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outbox as a table in the embedded SQLite file. */
public final class EmbeddedOutbox implements Outbox {

  private static final String COLUMNS = "ticket_id, attempts, next_attempt_at, created_at, last_error, dead, generation";

  private final SqliteDatabase db;

  EmbeddedOutbox(SqliteDatabase db) {
    this.db = db;
  }

  /** Called inside the turn's transaction, so the ticket and its delivery are one step. */
  static void insert(Connection c, Ticket ticket) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, 0, ?, ?, '', 0, 0)")) {
      u.setString(1, ticket.id());
      u.setLong(2, ticket.createdAt().toEpochMilli());
      u.setLong(3, ticket.createdAt().toEpochMilli());
      u.executeUpdate();
    }
  }

  /**
   * A changed ticket is delivered again (the sink brings the receiving system up to date). If a
   * delivery is already waiting, it will carry the new state; a dead letter waits for its re-queue.
   */
  static void enqueueChange(Connection c, Ticket ticket, long now) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("INSERT INTO outbox (" + COLUMNS
        + ") VALUES (?, 0, ?, ?, '', 0, 0) ON CONFLICT(ticket_id) DO UPDATE SET generation = generation + 1")) {
      u.setString(1, ticket.id());
      u.setLong(2, now);
      u.setLong(3, now);
      u.executeUpdate();
    }
  }

  @Override
  public Future<List<OutboxEntry>> takeDue(Instant now, Duration lease, int limit) {
    return db.transaction(c -> {
      List<OutboxEntry> due = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE dead = 0"
          + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")) {
        q.setLong(1, now.toEpochMilli());
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            due.add(entry(rs));
          }
        }
      }
      try (PreparedStatement u = c.prepareStatement("UPDATE outbox SET next_attempt_at = ? WHERE ticket_id = ?")) {
        for (OutboxEntry e : due) {
          u.setLong(1, now.plus(lease).toEpochMilli());
          u.setString(2, e.ticketId());
          u.executeUpdate();
        }
      }
      return due;
    });
  }

  @Override
  public Future<Void> delivered(String ticketId, long generation) {
    long now = System.currentTimeMillis();
    return db.transaction(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM outbox WHERE ticket_id = ? AND generation = ?")) {
        d.setString(1, ticketId);
        d.setLong(2, generation);
        if (d.executeUpdate() == 1) {
          return null;
        }
      }
      try (PreparedStatement u = c.prepareStatement("UPDATE outbox SET next_attempt_at = ? WHERE ticket_id = ?")) {
        u.setLong(1, now);
        u.setString(2, ticketId);
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Void> failed(String ticketId, int attempts, Instant nextAttemptAt, String error, boolean dead) {
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE outbox SET attempts = ?, next_attempt_at = ?,"
          + " last_error = ?, dead = ? WHERE ticket_id = ?")) {
        u.setInt(1, attempts);
        u.setLong(2, nextAttemptAt.toEpochMilli());
        u.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
        u.setInt(4, dead ? 1 : 0);
        u.setString(5, ticketId);
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<OutboxStats> stats() {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT SUM(dead = 0), SUM(dead = 1),"
          + " MIN(CASE WHEN dead = 0 THEN created_at END) FROM outbox");
          ResultSet rs = q.executeQuery()) {
        rs.next();
        long oldest = rs.getLong(3);
        boolean none = rs.wasNull();
        return new OutboxStats(rs.getLong(1), rs.getLong(2),
            none ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest)));
      }
    });
  }

  @Override
  public Future<List<OutboxEntry>> deadLetters(int limit) {
    return db.call(c -> {
      List<OutboxEntry> dead = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE dead = 1"
          + " ORDER BY created_at LIMIT ?")) {
        q.setInt(1, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            dead.add(entry(rs));
          }
        }
      }
      return dead;
    });
  }

  @Override
  public Future<Boolean> requeue(String ticketId, Instant now) {
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("UPDATE outbox SET dead = 0, attempts = 0, next_attempt_at = ?"
          + " WHERE ticket_id = ? AND dead = 1")) {
        u.setLong(1, now.toEpochMilli());
        u.setString(2, ticketId);
        return u.executeUpdate() == 1;
      }
    });
  }

  private static OutboxEntry entry(ResultSet rs) throws SQLException {
    return new OutboxEntry(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
        Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getInt(6) == 1, rs.getLong(7));
  }
}
