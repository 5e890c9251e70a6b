package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.report.ReportRebuild;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportFiguresContract} on a real three-master Redis Cluster: the commit, survey, import and rebuild
 * scripts (RENAME of the temporary hashes included) each stay in the core slot.
 */
class ReportRedisClusterFiguresTest extends ReportFiguresContract {

  private static RedisCluster cluster;
  private final String prefix = "test-" + UUID.randomUUID() + ":";

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.shared();
  }

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return RedisStores.open(vertx, cluster.nodesUrl(), settings, prefix);
  }

  /** A cluster client: KEYS is asked of every master and the answers merged. */
  private <T> T withRedis(Vertx vertx, java.util.function.Function<RedisAPI, Future<T>> work) {
    RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
    cluster.ports().forEach(p -> options.addConnectionString("redis://127.0.0.1:" + p));
    Redis client = Redis.createClient(vertx, options);
    try {
      return await(work.apply(RedisAPI.api(client)));
    } finally {
      client.close();
    }
  }

  @Override
  protected void wipeFigures(Vertx vertx) {
    withRedis(vertx, api -> api.keys(prefix + "{core}:report:*").compose(found -> {
      List<String> keys = new ArrayList<>();
      for (Response k : found) {
        keys.add(k.toString());
      }
      return keys.isEmpty() ? Future.succeededFuture() : api.del(keys);
    }));
  }

  @Override
  protected void addStrayCell(Vertx vertx, LocalDate day, String dims, String counts) {
    withRedis(vertx, api -> api.hset(List.of(prefix + "{core}:report:cells:" + day, dims, counts))
        .compose(x -> api.hincrby(prefix + "{core}:report:versions", day.toString(), "1")));
  }

  @Test
  void aRebuildLeavesNoTemporaryHashBehind(Vertx vertx) {
    Stores s = await(open(vertx, StoreContract.SETTINGS));
    try {
      writeSome(s, 51);
      wipeFigures(vertx);
      ReportRebuild.Result r = await(ReportRebuild.run(vertx, s.reports()));
      assertTrue(r.days() > 0);
      assertEquals(0, withRedis(vertx, api -> api.keys(prefix + "{core}:report:rebuild:*")).size());
      assertEquals(r.days(), withRedis(vertx, api -> api.keys(prefix + "{core}:report:cells:*")).size());
    } finally {
      await(s.close());
    }
  }
}
