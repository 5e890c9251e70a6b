package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.ChatSocketClient;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 point 2 and 4: the page's socket — numbered entries, catch-up after a reconnect, owners only. */
@ExtendWith(VertxExtension.class)
class ChatSocketTest {

  @TempDir
  Path dataDir;

  private static boolean entry(JsonObject frame) {
    return "entry".equals(frame.getString("type"));
  }

  @Test
  void aPageGetsNumberedEntriesAndAfterAReconnectExactlyWhatItMissed(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      String id;
      String secret;
      try (ChatSocketClient page = new ChatSocketClient(vertx, gateway.port(), null)) {
        page.send(new JsonObject().put("type", "hello"));
        page.next(f -> "welcome".equals(f.getString("type")));
        page.send(new JsonObject().put("type", "send").put("clientId", "m1").put("text", "你好"));
        JsonObject welcome = page.next(f -> "welcome".equals(f.getString("type")) && f.containsKey("conversationSecret"));
        id = welcome.getString("conversationId");
        secret = welcome.getString("conversationSecret");
        JsonObject mine = page.next(ChatSocketTest::entry);
        assertEquals(1, mine.getLong("seq"));
        assertEquals("user", mine.getString("author"));
        assertEquals("m1", mine.getString("clientId"));
        JsonObject menu = page.next(ChatSocketTest::entry);
        assertEquals(2, menu.getLong("seq"));
        assertEquals("choices", menu.getString("kind"));
        // The same message again (the page resent it after a drop): one turn, no new entries.
        page.send(new JsonObject().put("type", "send").put("clientId", "m1").put("text", "你好"));
        page.send(new JsonObject().put("type", "send").put("clientId", "m2").put("text", "1"));
        List<JsonObject> more = page.entriesUntilQuiet(1500);
        assertEquals(List.of(3L, 4L), more.stream().map(f -> f.getLong("seq")).toList(), more.toString());
        assertTrue(more.get(1).getString("text").contains("哪类问题"), more.toString());
      }
      // A reload that had seen up to 2: entries 3 and 4, in order, nothing twice.
      try (ChatSocketClient reloaded = new ChatSocketClient(vertx, gateway.port(), null)) {
        reloaded.send(new JsonObject().put("type", "hello").put("conversationId", id).put("conversationSecret", secret)
            .put("after", 2));
        List<JsonObject> missed = reloaded.entriesUntilQuiet(1000);
        assertEquals(List.of(3L, 4L), missed.stream().map(f -> f.getLong("seq")).toList());
      }
    }
  }

  @Test
  void aMadeUpOrAnotherVisitorsConversationGetsNothing(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      JsonObject first = harness.chat(gateway, "owner", "我要投诉衣柜门板色差");
      String id = first.getString("conversationId");
      try (ChatSocketClient stranger = new ChatSocketClient(vertx, gateway.port(), null)) {
        stranger.send(new JsonObject().put("type", "hello").put("conversationId", id)
            .put("conversationSecret", "not-the-secret").put("after", 0));
        JsonObject refused = stranger.next(f -> "error".equals(f.getString("type")));
        assertTrue(refused.getString("message").contains("no such conversation"), refused.encode());
        assertTrue(stranger.entriesUntilQuiet(500).isEmpty());
      }
      // The owner's page shows what the JSON API said, in the same order.
      try (ChatSocketClient owner = new ChatSocketClient(vertx, gateway.port(), null)) {
        owner.send(new JsonObject().put("type", "hello").put("conversationId", id)
            .put("conversationSecret", harness.conversationSecret("owner")).put("after", 0));
        List<JsonObject> history = owner.entriesUntilQuiet(1000);
        assertEquals("我要投诉衣柜门板色差", history.get(0).getString("text"));
        assertEquals("bot", history.get(1).getString("author"));
      }
    }
  }

  @Test
  void anotherSitesPageCannotOpenTheSocket(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      assertThrows(Throwable.class, () -> new ChatSocketClient(vertx, gateway.port(), "https://evil.example"));
    }
  }

  @Test
  void aPageThatReconnectsToAnotherGatewayOnTheSameRedisMissesNothingAndHearsTheFirstOnesNews(Vertx vertx)
      throws Exception {
    com.furnishcare.intake.support.RedisServer redis = com.furnishcare.intake.support.RedisServer.shared();
    try (GatewayHarness harnessA = new GatewayHarness(vertx); GatewayHarness harnessB = new GatewayHarness(vertx)) {
      Gateway a = harnessA.start(TestConfig.onStore("redis", dataDir.resolve("a"), redis));
      Gateway b = harnessB.start(TestConfig.onStore("redis", dataDir.resolve("b"), redis));
      String id;
      String secret;
      try (ChatSocketClient onA = new ChatSocketClient(vertx, a.port(), null)) {
        onA.send(new JsonObject().put("type", "hello"));
        onA.send(new JsonObject().put("type", "send").put("clientId", "x1").put("text", "你好"));
        JsonObject welcome = onA.next(f -> f.containsKey("conversationSecret"));
        id = welcome.getString("conversationId");
        secret = welcome.getString("conversationSecret");
        assertEquals(List.of(1L, 2L), onA.entriesUntilQuiet(1000).stream().map(f -> f.getLong("seq")).toList());
        onA.send(new JsonObject().put("type", "send").put("clientId", "x2").put("text", "1"));
        assertEquals(List.of(3L, 4L), onA.entriesUntilQuiet(1000).stream().map(f -> f.getLong("seq")).toList());
      }
      // The page had seen up to 2 when its connection dropped; it comes back on the other process.
      try (ChatSocketClient onB = new ChatSocketClient(vertx, b.port(), null);
          ChatSocketClient againOnA = new ChatSocketClient(vertx, a.port(), null)) {
        onB.send(new JsonObject().put("type", "hello").put("conversationId", id).put("conversationSecret", secret)
            .put("after", 2));
        assertEquals(List.of(3L, 4L), onB.entriesUntilQuiet(1000).stream().map(f -> f.getLong("seq")).toList());
        // A message sent through process A (another tab) reaches the page on B live.
        againOnA.send(new JsonObject().put("type", "hello").put("conversationId", id)
            .put("conversationSecret", secret).put("after", 4));
        againOnA.next(f -> "welcome".equals(f.getString("type")));
        againOnA.send(new JsonObject().put("type", "send").put("clientId", "x3").put("text", "色差"));
        List<JsonObject> live = onB.entriesUntilQuiet(1500);
        assertEquals(List.of(5L, 6L), live.stream().map(f -> f.getLong("seq")).toList(), live.toString());
      }
    }
  }
}
