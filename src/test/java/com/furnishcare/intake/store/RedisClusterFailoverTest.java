package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisCluster;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The master holding the core slot is killed (SIGKILL) on a cluster of three masters with a replica each: once
 * the replica is promoted, the same open stores commit turns again (the shared cluster connection is made anew
 * with the new slot map), what was committed and replicated before is still there, and another process's chat-news
 * subscriber hears news again.
 */
@ExtendWith(VertxExtension.class)
class RedisClusterFailoverTest {

  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.start(3, 1);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void turnsCommitAgainAfterTheCoreMasterFailsOver(Vertx vertx) throws Exception {
    Stores s = await(RedisStores.open(vertx, cluster.nodesUrl(), StoreContract.SETTINGS, "fo:"));
    // A second process, listening to a web conversation's news.
    Stores other = await(RedisStores.open(vertx, cluster.anyNodeUrl(), StoreContract.SETTINGS, "fo:"));
    java.util.Set<Long> heard = java.util.concurrent.ConcurrentHashMap.newKeySet();
    other.chatBus().subscribe("c-fo", heard::add);
    try {
      ConversationKey alice = new ConversationKey(ChannelName.WECHAT, "o-alice");
      Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
      Session session = new Session(Map.of("messageCount", "1"), t0);
      assertTrue(await(s.sessions().claim("m1", alice)) instanceof MessageClaim.Claimed);
      await(s.sessions().commitTurn(alice, session, Duration.ofHours(1), "m1", RecordedReply.nothing(),
          List.of(StoreContract.ticket("TK-FO-1", "DD1", t0)), List.of()));
      int master = cluster.masterOf("fo:{core}:ticket:TK-FO-1");
      // The write has reached the replica before the crash (asynchronous replication otherwise may lose it).
      assertTrue(cluster.awaitReplicated(master, Duration.ofSeconds(30)), "the replica did not catch up in 30 s");
      cluster.kill(master);

      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Throwable last = null;
      int attempt = 0;
      while (System.nanoTime() < deadline) {
        attempt++;
        String message = "m2-" + attempt;
        try {
          await(s.sessions().claim(message, alice));
          Ticket t = StoreContract.ticket("TK-FO-2", "DD2", t0.plusSeconds(60));
          await(s.sessions().commitTurn(alice, session, Duration.ofHours(1), message, RecordedReply.nothing(),
              List.of(t), List.of()));
          last = null;
          break;
        } catch (RuntimeException | AssertionError e) {
          last = e;
          Thread.sleep(500);
        }
      }
      assertEquals(null, last, "no commit within 60 s of the failover");
      assertNotEquals(master, cluster.masterOf("fo:{core}:ticket:TK-FO-1"), "a replica took over the core slot");
      assertTrue(await(s.tickets().get("TK-FO-1")).isPresent(), "the ticket committed before the crash");
      assertTrue(await(s.tickets().get("TK-FO-2")).isPresent(), "the ticket committed after the failover");

      // The other process's subscriber lost a node's connection too; it subscribes again and hears news.
      long seq = 0;
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (heard.isEmpty() && System.nanoTime() < until) {
        s.chatBus().publish("c-fo", ++seq);
        Thread.sleep(300);
      }
      assertTrue(!heard.isEmpty(), "no chat news reached the other process within 30 s of the failover");
    } finally {
      await(other.close());
      await(s.close());
    }
  }
}
