package com.furnishcare.intake.store;

import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
  protected void storeSessionAsPreviousVersion(ConversationKey key, String text) throws Exception {
    redis.set(prefix + "session:" + key.asString(), text, 3_600_000);
  }

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return RedisStores.open(vertx, redis.url(), settings, prefix);
  }

  /**
   * Tickets stored before the status and phone indexes existed: without their index keys (and without the mark
   * that they were built), the next open puts them in, and a status change afterwards moves them.
   */
  @Test
  void ticketsStoredBeforeTheStatusAndPhoneIndexesAreIndexedAtOpen(Vertx vertx) {
    ConversationKey bob = new ConversationKey(ChannelName.WECHAT, "o-bob");
    Session session = new Session(Map.of("messageCount", "1"), Instant.ofEpochMilli(1_700_000_000_000L));
    Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    List<Ticket> old = List.of(ticket("TK-OLD-1", "DDO1", t0), ticket("TK-OLD-2", "DDO2", t0.plusSeconds(1)));
    Stores first = await(open(vertx, SETTINGS));
    await(first.sessions().claim("old-1", bob));
    await(first.sessions().commitTurn(bob, session, Duration.ofHours(1), "old-1", RecordedReply.nothing(), old,
        List.of()));
    await(first.close());
    RedisAPI raw = RedisAPI.api(Redis.createClient(vertx, redis.url()));
    try {
      assertEquals(3, await(raw.del(List.of(prefix + "tickets:status:pending", prefix + "tickets:phone:13800138000",
          prefix + "tickets:indexes-built"))).toInteger(), "the keys this version adds");
    } finally {
      raw.close();
    }
    TicketQuery pending = new TicketQuery(Optional.of(TicketStatus.PENDING), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    Stores second = await(open(vertx, SETTINGS));
    try {
      assertEquals(List.of(old.get(1), old.get(0)), await(second.tickets().find(TicketQuery.ofPhone("13800138000"), 10)));
      assertEquals(List.of(old.get(1), old.get(0)), await(second.tickets().find(pending, 10)));
      Ticket closed = old.get(0).withStatus(TicketStatus.CLOSED, t0.plusSeconds(60));
      await(second.sessions().claim("old-2", bob));
      await(second.sessions().commitTurn(bob, session, Duration.ofHours(1), "old-2", RecordedReply.nothing(),
          List.of(), List.of(closed)));
      assertEquals(List.of(old.get(1)), await(second.tickets().find(pending, 10)));
      assertEquals(List.of(closed), await(second.tickets().find(new TicketQuery(Optional.of(TicketStatus.CLOSED),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), 10)));
    } finally {
      await(second.close());
    }
  }
}
