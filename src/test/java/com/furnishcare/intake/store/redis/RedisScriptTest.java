package com.furnishcare.intake.store.redis;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scripts run by their SHA-1, and still run when Redis has forgotten them (a restart, SCRIPT FLUSH). */
@ExtendWith(VertxExtension.class)
class RedisScriptTest {

  @Test
  void aScriptRedisDoesNotHaveIsSentOnceAndThenRunByItsHash(Vertx vertx) throws Exception {
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, RedisServer.shared().url()));
    try {
      RedisScript counter = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
      await(redis.del(List.of("script-test:n")));
      await(redis.script(List.of("FLUSH")));
      assertEquals(2, await(counter.run(redis, 1, List.of("script-test:n", "2"))).toInteger(), "first run: EVAL");
      assertEquals(1, await(redis.script(List.of("EXISTS", sha(counter)))).get(0).toInteger(), "now cached by Redis");
      assertEquals(5, await(counter.run(redis, 1, List.of("script-test:n", "3"))).toInteger(), "by EVALSHA");
      await(redis.script(List.of("FLUSH")));
      assertEquals(9, await(counter.run(redis, 1, List.of("script-test:n", "4"))).toInteger(), "forgotten: sent again");
    } finally {
      redis.close();
    }
  }

  private static String sha(RedisScript script) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
        .digest(script.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
