package com.furnishcare.intake.store;

import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** {@link StoreContract} on a real three-master Redis Cluster: a script touching two slots would fail (CROSSSLOT). */
class RedisClusterStoreTest extends StoreContract {

  private static RedisCluster cluster;
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.shared();
  }

  @Override
  protected void recordTurnAsPreviousVersion(String messageKey, String replyJson) throws Exception {
    cluster.cli("SET", prefix + "{core}:turn:" + messageKey,
        new JsonObject().put("state", "done").put("reply", replyJson).encode(),
        "PX", Long.toString(SETTINGS.replyRetention().toMillis()));
  }

  @Override
  protected void storeSessionAsPreviousVersion(ConversationKey key, String text) throws Exception {
    cluster.cli("SET", prefix + "{core}:session:" + key.asString(), text, "PX", "3600000");
  }

  @Override
  protected boolean clustered() {
    return true;
  }

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return RedisStores.open(vertx, cluster.nodesUrl(), settings, prefix);
  }
}
