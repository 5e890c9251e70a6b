package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.store.StoredChatEntries;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ChatLog} in the embedded SQLite file. The store's single connection runs one statement sequence
 * at a time, so "the key is new, take the next number" cannot interleave with another append.
 */
public final class EmbeddedChatLog implements ChatLog {

  private final SqliteDatabase db;

  public EmbeddedChatLog(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<ChatEntry> append(String conversationId, String key, ChatEntry.Author author, Reply reply,
      Instant at) {
    return db.call(c -> appendIn(c, conversationId, key, author, reply, at));
  }

  /** In one transaction: the entries of a turn are there all together or not at all. */
  @Override
  public Future<List<ChatEntry>> appendAll(String conversationId, List<Draft> drafts, Instant at) {
    if (drafts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.transaction(c -> {
      List<ChatEntry> entries = new ArrayList<>();
      for (Draft d : drafts) {
        entries.add(appendIn(c, conversationId, d.key(), d.author(), d.reply(), at));
      }
      return entries;
    });
  }

  private ChatEntry appendIn(Connection c, String conversationId, String key, ChatEntry.Author author, Reply reply,
      Instant at) throws SQLException {
    ChatEntry existing = byKey(c, conversationId, key);
    if (existing != null) {
      return existing;
    }
    long seq;
    try (PreparedStatement q = c.prepareStatement(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM chat_log WHERE conversation_id = ?")) {
      q.setString(1, conversationId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        seq = rs.getLong(1);
      }
    }
    ChatEntry entry = new ChatEntry(seq, key, author, reply, at);
    try (PreparedStatement u = c.prepareStatement(
        "INSERT INTO chat_log (conversation_id, seq, entry_key, body) VALUES (?, ?, ?, ?)")) {
      u.setString(1, conversationId);
      u.setLong(2, seq);
      u.setString(3, key);
      u.setString(4, StoredChatEntries.write(entry));
      u.executeUpdate();
    }
    return entry;
  }

  @Override
  public Future<List<ChatEntry>> after(String conversationId, long afterSeq, int limit) {
    return db.call(c -> {
      List<ChatEntry> entries = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT body FROM chat_log WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
        q.setString(1, conversationId);
        q.setLong(2, afterSeq);
        q.setInt(3, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            entries.add(StoredChatEntries.read(rs.getString(1)));
          }
        }
      }
      return entries;
    });
  }

  private static ChatEntry byKey(Connection c, String conversationId, String key) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT body FROM chat_log WHERE conversation_id = ? AND entry_key = ?")) {
      q.setString(1, conversationId);
      q.setString(2, key);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? StoredChatEntries.read(rs.getString(1)) : null;
      }
    }
  }
}
