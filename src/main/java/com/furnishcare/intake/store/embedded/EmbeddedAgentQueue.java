package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.AgentQueue;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.store.StoredHandoffCases;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AgentQueue} in the embedded SQLite file; an owner change is one conditional UPDATE. */
public final class EmbeddedAgentQueue implements AgentQueue {

  private static final String COLUMNS =
      "body, owner, taken_at, first_response_at, last_inbound_at, owner_seen_at";

  private final SqliteDatabase db;

  public EmbeddedAgentQueue(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Boolean> open(HandoffCase c) {
    return db.call(conn -> {
      try (PreparedStatement i = conn.prepareStatement("INSERT OR IGNORE INTO agent_queue (conversation, body,"
          + " owner, taken_at, first_response_at, last_inbound_at, owner_seen_at) VALUES (?, ?, NULL, NULL, NULL, ?, ?)")) {
        i.setString(1, c.conversation());
        i.setString(2, StoredHandoffCases.fixedPart(c));
        i.setLong(3, c.lastInboundAt().toEpochMilli());
        i.setLong(4, c.ownerSeenAt().toEpochMilli());
        return i.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Future<Optional<HandoffCase>> get(String conversation) {
    return db.call(conn -> find(conn, conversation));
  }

  @Override
  public Future<List<HandoffCase>> all() {
    return db.call(conn -> {
      List<HandoffCase> all = new ArrayList<>();
      try (PreparedStatement q = conn.prepareStatement("SELECT " + COLUMNS + " FROM agent_queue");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          all.add(read(rs));
        }
      }
      return all;
    });
  }

  @Override
  public Future<Optional<HandoffCase>> assign(String conversation, Optional<String> expectedOwner,
      Optional<String> newOwner, Instant at) {
    return db.transaction(conn -> {
      // "owner IS ?" compares NULL with NULL as equal: a waiting case is expected as "no owner".
      try (PreparedStatement u = conn.prepareStatement("UPDATE agent_queue SET owner = ?, taken_at = ?,"
          + " owner_seen_at = ? WHERE conversation = ? AND owner IS ?")) {
        u.setString(1, newOwner.orElse(null));
        if (newOwner.isPresent()) {
          u.setLong(2, at.toEpochMilli());
        } else {
          u.setNull(2, java.sql.Types.INTEGER);
        }
        u.setLong(3, at.toEpochMilli());
        u.setString(4, conversation);
        u.setString(5, expectedOwner.orElse(null));
        if (u.executeUpdate() != 1) {
          return Optional.<HandoffCase>empty();
        }
      }
      return find(conn, conversation);
    });
  }

  @Override
  public Future<Boolean> close(String conversation, Optional<String> expectedOwner) {
    return db.call(conn -> {
      try (PreparedStatement d = conn.prepareStatement(
          "DELETE FROM agent_queue WHERE conversation = ? AND owner IS ?")) {
        d.setString(1, conversation);
        d.setString(2, expectedOwner.orElse(null));
        return d.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Future<Void> mark(String conversation, Mark what, Instant at) {
    String sql = switch (what) {
      case INBOUND -> "UPDATE agent_queue SET last_inbound_at = ? WHERE conversation = ?";
      case FIRST_RESPONSE ->
          "UPDATE agent_queue SET first_response_at = ? WHERE conversation = ? AND first_response_at IS NULL";
      case OWNER_SEEN -> "UPDATE agent_queue SET owner_seen_at = ? WHERE conversation = ?";
    };
    return db.call(conn -> {
      try (PreparedStatement u = conn.prepareStatement(sql)) {
        u.setLong(1, at.toEpochMilli());
        u.setString(2, conversation);
        u.executeUpdate();
      }
      return null;
    });
  }

  private static Optional<HandoffCase> find(Connection conn, String conversation) throws SQLException {
    try (PreparedStatement q = conn.prepareStatement("SELECT " + COLUMNS + " FROM agent_queue WHERE conversation = ?")) {
      q.setString(1, conversation);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static HandoffCase read(ResultSet rs) throws SQLException {
    return StoredHandoffCases.read(rs.getString(1), new StoredHandoffCases.Moving(rs.getString(2),
        rs.getObject(3) == null ? null : rs.getLong(3), rs.getObject(4) == null ? null : rs.getLong(4),
        rs.getLong(5), rs.getLong(6)));
  }
}
