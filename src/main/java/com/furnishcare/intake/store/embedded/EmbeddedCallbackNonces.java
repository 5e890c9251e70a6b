package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.CallbackNonces;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;

/**
 * {@link CallbackNonces} in the embedded SQLite file rather than in memory: a restart inside the
 * timestamp window (a deploy, a crash) must not make a captured signature usable again, just as the
 * MsgId ledger survives restarts. Only correctly signed callbacks are recorded, so the table holds
 * at most one window's worth of WeChat's own traffic; expired rows are purged every minute.
 */
public final class EmbeddedCallbackNonces implements CallbackNonces {

  private final SqliteDatabase db;
  private final Clock clock;

  EmbeddedCallbackNonces(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Future<Sighting> sight(String pair, String bodyHash, Instant forgetAt) {
    long now = clock.millis();
    // One store thread runs these statements back to back, so no other sighting can come between.
    return db.call(c -> {
      try (PreparedStatement forget = c.prepareStatement("DELETE FROM callback_nonces WHERE pair = ? AND forget_at <= ?")) {
        forget.setString(1, pair);
        forget.setLong(2, now);
        forget.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO callback_nonces (pair, body_hash, forget_at) VALUES (?, ?, ?) ON CONFLICT(pair) DO NOTHING")) {
        insert.setString(1, pair);
        insert.setString(2, bodyHash);
        insert.setLong(3, forgetAt.toEpochMilli());
        if (insert.executeUpdate() == 1) {
          return Sighting.FIRST;
        }
      }
      try (PreparedStatement q = c.prepareStatement("SELECT body_hash FROM callback_nonces WHERE pair = ?")) {
        q.setString(1, pair);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          return bodyHash.equals(rs.getString(1)) ? Sighting.SAME_BODY : Sighting.OTHER_BODY;
        }
      }
    });
  }

  /** Drops pairs whose timestamps have left the window. */
  Future<Void> purgeExpired() {
    long now = clock.millis();
    return db.call(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM callback_nonces WHERE forget_at <= ?")) {
        d.setLong(1, now);
        d.executeUpdate();
      }
      return null;
    });
  }
}
