package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tickets in the embedded SQLite file; written by {@link EmbeddedSessionStore#commitTurn}. */
public final class EmbeddedTicketStore implements TicketStore {

  private final SqliteDatabase db;

  EmbeddedTicketStore(SqliteDatabase db) {
    this.db = db;
  }

  static void insert(Connection c, Ticket t) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("INSERT INTO tickets (id, body, channel, user_id, order_no, phone,"
        + " status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      u.setString(1, t.id());
      u.setString(2, StoredForms.ticket(t));
      u.setString(3, t.channel().wireName());
      u.setString(4, t.userId());
      u.setString(5, t.orderNo());
      u.setString(6, t.phone());
      u.setString(7, t.status().wireName());
      u.setLong(8, t.createdAt().toEpochMilli());
      u.executeUpdate();
    }
  }

  static void update(Connection c, Ticket t) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE tickets SET body = ?, status = ?, phone = ? WHERE id = ?")) {
      u.setString(1, StoredForms.ticket(t));
      u.setString(2, t.status().wireName());
      u.setString(3, t.phone());
      u.setString(4, t.id());
      if (u.executeUpdate() != 1) {
        throw new SQLException("ticket " + t.id() + " does not exist");
      }
    }
  }

  @Override
  public Future<List<Ticket>> find(TicketQuery query, int limit) {
    StringBuilder sql = new StringBuilder("SELECT body FROM tickets WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    query.id().ifPresent(id -> {
      sql.append(" AND id = ?");
      args.add(id);
    });
    query.status().ifPresent(s -> {
      sql.append(" AND status = ?");
      args.add(s.wireName());
    });
    query.channel().ifPresent(ch -> {
      sql.append(" AND channel = ?");
      args.add(ch.wireName());
    });
    query.userId().ifPresent(u -> {
      sql.append(" AND user_id = ?");
      args.add(u);
    });
    query.orderNo().ifPresent(o -> {
      sql.append(" AND order_no = ?");
      args.add(o);
    });
    query.phone().ifPresent(p -> {
      sql.append(" AND phone = ?");
      args.add(p);
    });
    sql.append(" ORDER BY created_at DESC LIMIT ?");
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement(sql.toString())) {
        int i = 1;
        for (String arg : args) {
          q.setString(i++, arg);
        }
        q.setInt(i, limit);
        List<Ticket> result = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            result.add(StoredForms.ticket(rs.getString(1)));
          }
        }
        return result;
      }
    });
  }

  @Override
  public Future<Optional<Ticket>> get(String id) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT body FROM tickets WHERE id = ?")) {
        q.setString(1, id);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(StoredForms.ticket(rs.getString(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<List<Ticket>> createdBetween(Instant from, Instant to, int limit) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT body FROM tickets WHERE created_at >= ? AND created_at < ?"
          + " ORDER BY created_at, id LIMIT ?")) {
        q.setLong(1, from.toEpochMilli());
        q.setLong(2, to.toEpochMilli());
        q.setInt(3, limit);
        List<Ticket> result = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            result.add(StoredForms.ticket(rs.getString(1)));
          }
        }
        return result;
      }
    });
  }
}
