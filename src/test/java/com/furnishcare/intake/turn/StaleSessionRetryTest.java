package com.furnishcare.intake.turn;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.ForwardingSessionStore;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17.3, made certain rather than likely: two gateways on one Redis (in this JVM, each with its own
 * connections and its own per-process sequencer) each claim one of a homeowner's two messages, and neither
 * goes on until both have read the session — the lost-update interleaving, every time. The turn that
 * commits second is refused as stale and decided again on the first one's session, so both count.
 */
@ExtendWith(VertxExtension.class)
class StaleSessionRetryTest {

  @TempDir
  Path dir;

  @Test
  void twoTurnsDecidedOnTheSameSessionInTwoProcessesBothCount(Vertx vertx) throws Exception {
    RedisServer redis = RedisServer.shared();
    Rendezvous both = new Rendezvous(vertx, "o-rendezvous");
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway one = gateway(harness, redis, "one", both);
      Gateway two = gateway(harness, redis, "two", both);
      WeChatClient toOne = harness.wechat(one);
      WeChatClient toTwo = harness.wechat(two);
      CompletableFuture<String> complaint = CompletableFuture.supplyAsync(() -> content(toOne.post(
          WeChatClient.textXml("o-rendezvous", "8801", "衣柜门板色差很明显")).bodyAsString()));
      CompletableFuture<String> order = CompletableFuture.supplyAsync(() -> content(toTwo.post(
          WeChatClient.textXml("o-rendezvous", "8802", "订单号DD2026110388")).bodyAsString()));
      assertTrue(!complaint.get().isBlank() && !order.get().isBlank(), complaint.get() + " / " + order.get());
      assertEquals(2, both.claimed.get(), "both messages were claimed from the same session");

      Session session = harness.session(one, "o-rendezvous").orElseThrow();
      assertEquals("2", session.get("messageCount", ""), "both turns are in the session: " + session);
      String summary = String.join(" ", complaint.get(), order.get());
      assertTrue(summary.contains("色差") && summary.contains("DD2026110388"), summary);
      double stale = staleTurns(one) + staleTurns(two);
      assertEquals(1.0, stale, "exactly one turn was decided again");
      toOne.close();
      toTwo.close();
    }
  }

  private static double staleTurns(Gateway gateway) {
    return gateway.metrics().scrape().lines().filter(l -> l.startsWith("gateway_stale_turns_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private Gateway gateway(GatewayHarness harness, RedisServer redis, String name, Rendezvous both) {
    UnaryOperator<Stores> decorate = s -> s.withSessions(both.around(s.sessions()));
    return harness.start(TestConfig.embedded(dir.resolve(name)).with("REDIS_URL", redis.url()),
        Gateway.Parts.withStores(decorate));
  }

  /** Holds each first claim of one conversation's messages until two have been taken (or 3 s passed). */
  private static final class Rendezvous {
    private final Vertx vertx;
    private final String openId;
    private final AtomicInteger claimed = new AtomicInteger();
    private final Promise<Void> met = Promise.promise();

    Rendezvous(Vertx vertx, String openId) {
      this.vertx = vertx;
      this.openId = openId;
      vertx.setTimer(3000, id -> met.tryComplete());
    }

    SessionStore around(SessionStore inner) {
      return new ForwardingSessionStore(inner) {
        @Override
        public Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check) {
          return inner.claim(messageKey, key, check).compose(claim -> {
            if (!(claim instanceof MessageClaim.Claimed) || !key.userId().equals(openId)) {
              return Future.succeededFuture(claim);
            }
            if (claimed.incrementAndGet() >= 2) {
              met.tryComplete();
            }
            return met.future().map(claim);
          });
        }
      };
    }
  }
}
