package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.TokenCache;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@link TokenCache} in the embedded SQLite file, so a restart does not fetch a new access token. */
public final class EmbeddedTokenCache implements TokenCache {

  private final SqliteDatabase db;
  private final Clock clock;

  public EmbeddedTokenCache(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Future<Optional<CachedToken>> get(String name) {
    long now = clock.millis();
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT value, expires_at FROM tokens WHERE name = ? AND expires_at > ?")) {
        q.setString(1, name);
        q.setLong(2, now);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next()
              ? Optional.of(new CachedToken(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public Future<Void> put(String name, CachedToken token) {
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("INSERT INTO tokens (name, value, expires_at) VALUES (?, ?, ?)"
          + " ON CONFLICT(name) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at")) {
        u.setString(1, name);
        u.setString(2, token.value());
        u.setLong(3, token.expiresAt().toEpochMilli());
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Void> invalidate(String name) {
    return db.call(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM tokens WHERE name = ?")) {
        d.setString(1, name);
        d.executeUpdate();
      }
      return null;
    });
  }
}
