package com.furnishcare.intake.store;

import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

class ReportRedisFiguresTest extends ReportFiguresContract {

  private static RedisServer redis;
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return RedisStores.open(vertx, redis.url(), settings, prefix);
  }
}
