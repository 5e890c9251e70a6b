package com.furnishcare.intake.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.store.embedded.EmbeddedSessionStore;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.support.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest extends StoreContract {

  @TempDir
  Path dataDir;

  @Test
  void purgeKeepsTheDeliveryLogBounded(Vertx vertx) {
    StoreSettings settings = SETTINGS;
    Stores stores = Await.await(open(vertx, settings));
    try {
      int over = 25;
      for (int i = 0; i < EmbeddedSessionStore.DELIVERY_LOG_CAPACITY + over; i++) {
        stores.deliveries().record(new DeliveryEvent("push_sent", ChannelName.WECHAT, "o", "m" + i, "ok", Instant.now()));
      }
      Await.await(((EmbeddedSessionStore) stores.sessions()).purgeExpired());
      List<DeliveryEvent> all = Await.await(stores.deliveries().recent(EmbeddedSessionStore.DELIVERY_LOG_CAPACITY + over));
      assertEquals(EmbeddedSessionStore.DELIVERY_LOG_CAPACITY, all.size());
      assertEquals("m" + (EmbeddedSessionStore.DELIVERY_LOG_CAPACITY + over - 1), all.get(0).reference());
    } finally {
      Await.await(stores.close());
    }
  }

  /** The turn row as the previous version wrote it, through a second connection to the same file. */
  @Override
  protected void recordTurnAsPreviousVersion(String messageKey, String replyJson) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"));
        PreparedStatement insert = db.prepareStatement(
            "INSERT INTO turns (message_key, state, reply, expires_at) VALUES (?, 'done', ?, ?)")) {
      insert.setString(1, messageKey);
      insert.setString(2, replyJson);
      insert.setLong(3, System.currentTimeMillis() + SETTINGS.replyRetention().toMillis());
      insert.executeUpdate();
    }
  }

  @Override
  protected void storeSessionAsPreviousVersion(ConversationKey key, String text) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"));
        PreparedStatement upsert = db.prepareStatement("INSERT INTO sessions (conv_key, body, expires_at)"
            + " VALUES (?, ?, ?) ON CONFLICT(conv_key) DO UPDATE SET body = excluded.body")) {
      upsert.setString(1, key.asString());
      upsert.setString(2, text);
      upsert.setLong(3, System.currentTimeMillis() + 3_600_000);
      upsert.executeUpdate();
    }
  }

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return EmbeddedStores.open(vertx, dataDir, settings);
  }
}
