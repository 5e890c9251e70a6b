package com.furnishcare.intake.store;

import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

class RedisStoreTest extends StoreContract {

  private static RedisServer redis;
  // Each test gets its own key space on the shared server.
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  /** The turn key and value as the previous version's commit script wrote them. */
  @Override
  protected void recordTurnAsPreviousVersion(String messageKey, String replyJson) throws Exception {
    redis.set(prefix + "turn:" + messageKey, new JsonObject().put("state", "done").put("reply", replyJson).encode(),
        SETTINGS.replyRetention().toMillis());
  }

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return RedisStores.open(vertx, redis.url(), settings, prefix);
  }
}
