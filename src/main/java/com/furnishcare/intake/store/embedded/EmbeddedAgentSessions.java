package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.AgentSessionTokens;
import com.furnishcare.intake.core.AgentSessions;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link AgentSessions} in the embedded SQLite file rather than in memory: agents stay signed in across a
 * restart (a deploy), as they do with Redis, and both backends pass the same contract. The cost is one
 * small write per console request on the store thread, far below what the chat traffic already puts there.
 * Expired rows are purged every minute.
 */
public final class EmbeddedAgentSessions implements AgentSessions {

  private final SqliteDatabase db;
  private final Clock clock;

  EmbeddedAgentSessions(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Future<String> create(String username, Duration idle) {
    String id = AgentSessionTokens.random();
    String csrf = AgentSessionTokens.random();
    long expiresAt = clock.millis() + idle.toMillis();
    return db.call(c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO agent_sessions (id_hash, username, csrf, expires_at) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, AgentSessionTokens.hash(id));
        insert.setString(2, username);
        insert.setString(3, csrf);
        insert.setLong(4, expiresAt);
        insert.executeUpdate();
      }
      return id;
    });
  }

  @Override
  public Future<Optional<AgentSession>> touch(String sessionId, Duration idle) {
    String hash = AgentSessionTokens.hash(sessionId);
    long now = clock.millis();
    // One store thread runs both statements back to back: no delete can come between read and touch.
    return db.call(c -> {
      Optional<AgentSession> found = Optional.empty();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT username, csrf FROM agent_sessions WHERE id_hash = ? AND expires_at > ?")) {
        q.setString(1, hash);
        q.setLong(2, now);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            found = Optional.of(new AgentSession(rs.getString(1), rs.getString(2)));
          }
        }
      }
      if (found.isPresent()) {
        try (PreparedStatement u = c.prepareStatement("UPDATE agent_sessions SET expires_at = ? WHERE id_hash = ?")) {
          u.setLong(1, now + idle.toMillis());
          u.setString(2, hash);
          u.executeUpdate();
        }
      }
      return found;
    });
  }

  @Override
  public Future<Void> delete(String sessionId) {
    String hash = AgentSessionTokens.hash(sessionId);
    return db.call(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM agent_sessions WHERE id_hash = ?")) {
        d.setString(1, hash);
        d.executeUpdate();
      }
      return null;
    });
  }

  Future<Void> purgeExpired() {
    long now = clock.millis();
    return db.call(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM agent_sessions WHERE expires_at <= ?")) {
        d.setLong(1, now);
        d.executeUpdate();
      }
      return null;
    });
  }
}
