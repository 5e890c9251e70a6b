package com.furnishcare.intake;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.support.ChatSocketClient;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisCluster;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on a real three-master Redis Cluster, one given REDIS_CLUSTER_NODES and one a REDIS_URL naming a
 * single node (found to be a cluster): a WeChat intake becomes a ticket the other process sees, stored under the
 * cluster layout's names, and a web-chat page on one process hears, live, what was sent through the other (the
 * chat news go by PUBLISH, which the cluster carries to every node).
 */
@ExtendWith(VertxExtension.class)
class GatewayRedisClusterTest {

  private static RedisCluster cluster;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisCluster.shared();
  }

  @Test
  void aWeChatIntakeBecomesATicketAndTheWebChatNewsCrossProcesses(Vertx vertx) throws Exception {
    try (GatewayHarness harnessA = new GatewayHarness(vertx); GatewayHarness harnessB = new GatewayHarness(vertx)) {
      Gateway a = harnessA.start(TestConfig.embedded(dataDir.resolve("a")).api(harnessA.api)
          .with("REDIS_CLUSTER_NODES", cluster.nodesUrl()));
      Gateway b = harnessB.start(TestConfig.embedded(dataDir.resolve("b")).api(harnessB.api)
          .with("REDIS_URL", cluster.anyNodeUrl()));
      assertEquals("redis", a.stores().backend());

      // WeChat intake on A → a ticket, visible to B, with the turn's keys in the core slot.
      WeChatClient wechat = harnessA.wechat(a);
      String id = GatewayHarness.wechatTicket(wechat, "o-cluster-intake");
      wechat.close();
      Ticket ticket = await(b.stores().tickets().get(id)).orElseThrow();
      assertEquals("13800138000", ticket.phone());
      assertEquals("1", cluster.cli("EXISTS", "intake:{core}:ticket:" + id));
      assertEquals("1", cluster.cli("EXISTS", "intake:{core}:session:wechat:o-cluster-intake"));
      assertTrue(cluster.dbSize() > 0);

      // Web chat: a page on B hears live what a page on A sent.
      String conversation;
      String secret;
      try (ChatSocketClient onA = new ChatSocketClient(vertx, a.port(), null)) {
        onA.send(new JsonObject().put("type", "hello"));
        onA.send(new JsonObject().put("type", "send").put("clientId", "x1").put("text", "你好"));
        JsonObject welcome = onA.next(f -> f.containsKey("conversationSecret"));
        conversation = welcome.getString("conversationId");
        secret = welcome.getString("conversationSecret");
        assertEquals(List.of(1L, 2L), onA.entriesUntilQuiet(1000).stream().map(f -> f.getLong("seq")).toList());
      }
      try (ChatSocketClient onB = new ChatSocketClient(vertx, b.port(), null);
          ChatSocketClient againOnA = new ChatSocketClient(vertx, a.port(), null)) {
        onB.send(new JsonObject().put("type", "hello").put("conversationId", conversation)
            .put("conversationSecret", secret).put("after", 2));
        onB.next(f -> "welcome".equals(f.getString("type")));
        againOnA.send(new JsonObject().put("type", "hello").put("conversationId", conversation)
            .put("conversationSecret", secret).put("after", 2));
        againOnA.next(f -> "welcome".equals(f.getString("type")));
        againOnA.send(new JsonObject().put("type", "send").put("clientId", "x2").put("text", "色差"));
        List<JsonObject> live = onB.entriesUntilQuiet(2000);
        assertEquals(List.of(3L, 4L), live.stream().map(f -> f.getLong("seq")).toList(), live.toString());
      }
      assertEquals("1", cluster.cli("EXISTS", "intake:chatlog:{" + conversation + "}"));
    }
  }
}
