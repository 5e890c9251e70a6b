package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.ChatConversations;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;

/** {@link ChatConversations} in the embedded SQLite file; expired rows go with the periodic purge. */
public final class EmbeddedChatConversations implements ChatConversations {

  private final SqliteDatabase db;
  private final Clock clock;

  public EmbeddedChatConversations(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Future<Void> register(String conversationId, String secretHash, Duration lifetime) {
    long expiresAt = clock.millis() + lifetime.toMillis();
    return db.call(c -> {
      // A plain INSERT: ids are random, so a clash is a bug to surface, never an overwrite of someone's secret.
      try (PreparedStatement u = c.prepareStatement(
          "INSERT INTO chat_conversations (id, secret_hash, expires_at) VALUES (?, ?, ?)")) {
        u.setString(1, conversationId);
        u.setString(2, secretHash);
        u.setLong(3, expiresAt);
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> verify(String conversationId, String secretHash, Duration extendTo) {
    long now = clock.millis();
    return db.call(c -> {
      String stored;
      try (PreparedStatement q = c.prepareStatement(
          "SELECT secret_hash FROM chat_conversations WHERE id = ? AND expires_at > ?")) {
        q.setString(1, conversationId);
        q.setLong(2, now);
        try (ResultSet rs = q.executeQuery()) {
          stored = rs.next() ? rs.getString(1) : null;
        }
      }
      if (stored == null || !MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
          secretHash.getBytes(StandardCharsets.US_ASCII))) {
        return false;
      }
      try (PreparedStatement u = c.prepareStatement("UPDATE chat_conversations SET expires_at = ? WHERE id = ?")) {
        u.setLong(1, now + extendTo.toMillis());
        u.setString(2, conversationId);
        u.executeUpdate();
      }
      return true;
    });
  }
}
