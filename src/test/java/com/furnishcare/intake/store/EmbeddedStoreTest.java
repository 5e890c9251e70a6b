package com.furnishcare.intake.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.store.embedded.EmbeddedSessionStore;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.support.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
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

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return EmbeddedStores.open(vertx, dataDir, settings);
  }
}
