package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.core.AuditLog;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditLog} in the embedded SQLite file. Nothing is purged: an audit trail that forgets is no
 * trail, and a console's actions are a few thousand small rows a day.
 */
public final class EmbeddedAuditLog implements AuditLog {

  private final SqliteDatabase db;

  EmbeddedAuditLog(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Void> record(AuditEntry entry) {
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("INSERT INTO audit_log (at, body) VALUES (?, ?)")) {
        u.setLong(1, entry.at().toEpochMilli());
        u.setString(2, StoredForms.audit(entry));
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<List<AuditEntry>> recent(int limit) {
    return since(Instant.EPOCH, limit);
  }

  @Override
  public Future<List<AuditEntry>> since(Instant from, int limit) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT body FROM audit_log WHERE at >= ? ORDER BY id DESC LIMIT ?")) {
        q.setLong(1, from.toEpochMilli());
        q.setInt(2, limit);
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            entries.add(StoredForms.audit(rs.getString(1)));
          }
        }
        return entries;
      }
    });
  }
}
