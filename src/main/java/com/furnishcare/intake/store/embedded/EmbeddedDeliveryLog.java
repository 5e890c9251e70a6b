package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link DeliveryLog} in the embedded SQLite file. */
public final class EmbeddedDeliveryLog implements DeliveryLog {

  private final SqliteDatabase db;

  public EmbeddedDeliveryLog(SqliteDatabase db) {
    this.db = db;
  }

  @Override
  public Future<Void> record(DeliveryEvent event) {
    return db.call(c -> {
      try (PreparedStatement u = c.prepareStatement("INSERT INTO deliveries (body) VALUES (?)")) {
        u.setString(1, StoredForms.delivery(event));
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<List<DeliveryEvent>> recent(int limit) {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT body FROM deliveries ORDER BY id DESC LIMIT ?")) {
        q.setInt(1, limit);
        List<DeliveryEvent> events = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            events.add(StoredForms.delivery(rs.getString(1)));
          }
        }
        return events;
      }
    });
  }
}
