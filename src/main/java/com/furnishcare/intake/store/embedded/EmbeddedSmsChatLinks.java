package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.SmsChatLinks;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** {@link SmsChatLinks} in the embedded SQLite file: one row per phone, the code unique among them. */
public final class EmbeddedSmsChatLinks implements SmsChatLinks {

  private final SqliteDatabase db;
  private final Clock clock;

  public EmbeddedSmsChatLinks(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Future<Optional<Link>> byPhone(String phone) {
    long now = clock.millis();
    return db.call(c -> find(c, "phone", phone, now));
  }

  @Override
  public Future<Optional<Link>> byCode(String code) {
    long now = clock.millis();
    return db.call(c -> find(c, "code", code, now));
  }

  @Override
  public Future<Link> open(Link candidate, Duration lifetime) {
    long now = clock.millis();
    return db.transaction(c -> {
      Optional<Link> live = find(c, "phone", candidate.phone(), now);
      if (live.isPresent()) {
        return live.get();
      }
      // Lapsed rows of this phone or this code are gone for good; a live code of another phone stays and
      // makes the INSERT fail on the UNIQUE constraint.
      try (PreparedStatement d = c.prepareStatement(
          "DELETE FROM sms_chat_links WHERE (phone = ? OR code = ?) AND expires_at <= ?")) {
        d.setString(1, candidate.phone());
        d.setString(2, candidate.code());
        d.setLong(3, now);
        d.executeUpdate();
      }
      try (PreparedStatement i = c.prepareStatement(
          "INSERT INTO sms_chat_links (phone, conversation_id, code, notified, expires_at) VALUES (?, ?, ?, 0, ?)")) {
        i.setString(1, candidate.phone());
        i.setString(2, candidate.conversationId());
        i.setString(3, candidate.code());
        i.setLong(4, now + lifetime.toMillis());
        i.executeUpdate();
      }
      return candidate;
    });
  }

  @Override
  public Future<Boolean> claimNotice(String code, Duration lifetime) {
    long now = clock.millis();
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement(
          "UPDATE sms_chat_links SET notified = 1 WHERE code = ? AND notified = 0 AND expires_at > ?")) {
        u.setString(1, code);
        u.setLong(2, now);
        return u.executeUpdate() == 1;
      }
    });
  }

  private static Optional<Link> find(Connection c, String column, String value, long now) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT conversation_id, code, phone FROM sms_chat_links WHERE "
        + column + " = ? AND expires_at > ?")) {
      q.setString(1, value);
      q.setLong(2, now);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(new Link(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
      }
    }
  }
}
