package com.furnishcare.intake.store;

import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** {@link SurveyStoreContract} on a real three-master Redis Cluster. */
class RedisClusterSurveyStoreTest extends SurveyStoreContract {

  private static RedisCluster cluster;
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.shared();
  }

  @Override
  protected Future<Stores> open(Vertx vertx) {
    return RedisStores.open(vertx, cluster.nodesUrl(), StoreContract.SETTINGS, prefix);
  }
}
