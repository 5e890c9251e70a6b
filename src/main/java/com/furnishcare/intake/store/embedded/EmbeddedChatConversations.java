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
          secretHash.getBytes(StandardCharsets.US_ASCII)) && !isExtraSecret(c, conversationId, secretHash)) {
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

  private static boolean isExtraSecret(java.sql.Connection c, String conversationId, String secretHash)
      throws java.sql.SQLException {
    // Looked up by the hash itself: the hash of a 256-bit random secret, so the lookup's timing tells nothing.
    try (PreparedStatement q = c.prepareStatement(
        "SELECT 1 FROM chat_conversation_secrets WHERE id = ? AND secret_hash = ?")) {
      q.setString(1, conversationId);
      q.setString(2, secretHash);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Override
  public Future<Boolean> addSecret(String conversationId, String secretHash, Duration lifetime, int maxExtraSecrets) {
    long now = clock.millis();
    long expiresAt = now + lifetime.toMillis();
    return db.transaction(c -> {
      boolean live;
      try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM chat_conversations WHERE id = ? AND expires_at > ?")) {
        q.setString(1, conversationId);
        q.setLong(2, now);
        try (ResultSet rs = q.executeQuery()) {
          live = rs.next();
        }
      }
      if (!live) {
        // Lapsed or never recorded: whatever was there (and any extra secrets) goes, this secret is the first.
        try (PreparedStatement d = c.prepareStatement("DELETE FROM chat_conversation_secrets WHERE id = ?");
            PreparedStatement u = c.prepareStatement(
                "INSERT OR REPLACE INTO chat_conversations (id, secret_hash, expires_at) VALUES (?, ?, ?)")) {
          d.setString(1, conversationId);
          d.executeUpdate();
          u.setString(1, conversationId);
          u.setString(2, secretHash);
          u.setLong(3, expiresAt);
          u.executeUpdate();
        }
        return true;
      }
      int extra;
      try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM chat_conversation_secrets WHERE id = ?")) {
        q.setString(1, conversationId);
        try (ResultSet rs = q.executeQuery()) {
          extra = rs.next() ? rs.getInt(1) : 0;
        }
      }
      if (extra >= maxExtraSecrets) {
        return false;
      }
      try (PreparedStatement i = c.prepareStatement(
              "INSERT OR IGNORE INTO chat_conversation_secrets (id, secret_hash) VALUES (?, ?)");
          PreparedStatement u = c.prepareStatement(
              "UPDATE chat_conversations SET expires_at = MAX(expires_at, ?) WHERE id = ?")) {
        i.setString(1, conversationId);
        i.setString(2, secretHash);
        i.executeUpdate();
        u.setLong(1, expiresAt);
        u.setString(2, conversationId);
        u.executeUpdate();
      }
      return true;
    });
  }
}
