package com.furnishcare.intake.turn;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ClaimedTurn;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.ForwardingSessionStore;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A homeowner's next message to the process that answered the last one is decided on the session that process
 * committed, then claimed and committed in one step of Redis; a message that went to another process meanwhile
 * makes that session stale, and the turn is decided again on the stored one. Either way every message counts.
 */
@ExtendWith(VertxExtension.class)
class OneStepTurnTest {

  @TempDir
  Path dir;

  @Test
  void nextMessagesTakeOneStepAndAConversationThatMovedIsDecidedAgainLosingNothing(Vertx vertx) throws Exception {
    RedisServer redis = RedisServer.shared();
    Steps atOne = new Steps();
    Steps atTwo = new Steps();
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway one = gateway(harness, redis, "one", atOne);
      Gateway two = gateway(harness, redis, "two", atTwo);
      WeChatClient toOne = harness.wechat(one);
      WeChatClient toTwo = harness.wechat(two);
      String user = "o-one-step-" + System.nanoTime();

      String first = content(toOne.post(WeChatClient.textXml(user, "9901", "衣柜门板色差很明显")).bodyAsString());
      String second = content(toOne.post(WeChatClient.textXml(user, "9902", "订单号DD2026110377")).bodyAsString());
      assertEquals(1, atOne.claims.get(), "only the first message was claimed on its own");
      assertEquals(1, atOne.written.get(), "the second was claimed and committed in one step");

      // The third goes to the other process; the first process's session is now an old one.
      String third = content(toTwo.post(WeChatClient.textXml(user, "9903", "13800138000")).bodyAsString());
      String fourth = content(toOne.post(WeChatClient.textXml(user, "9904", "王芳")).bodyAsString());
      assertEquals(1, atOne.notWritten.get(), "the fourth was decided on the old session: only claimed");
      assertEquals(1, atOne.written.get());
      for (String reply : new String[] {first, second, third, fourth}) {
        assertTrue(!reply.isBlank(), "every message answered");
      }

      Session session = harness.session(one, user).orElseThrow();
      assertEquals("4", session.get("messageCount", ""), "all four turns are in the session: " + session);
      String all = String.join(" ", session.values().values());
      assertTrue(all.contains("DD2026110377") && all.contains("13800138000") && all.contains("王芳"),
          "the order number, the phone and the name are all kept: " + session);

      // A platform retry of a message answered in one step gets the same reply, with no turn.
      String retried = content(toOne.post(WeChatClient.textXml(user, "9902", "订单号DD2026110377")).bodyAsString());
      assertEquals(second, retried);
      assertEquals("4", harness.session(one, user).orElseThrow().get("messageCount", ""));

      // The agents' chat log got each turn once, in order, written with the turn (one step or two).
      List<ChatEntry> log = await(two.stores().chatLog().after(
          new ConversationKey(ChannelName.WECHAT, user).transcriptId(), 0, 100));
      List<String> homeowner = log.stream().filter(e -> e.author() == ChatEntry.Author.USER)
          .map(e -> e.reply().text()).toList();
      assertEquals(List.of("衣柜门板色差很明显", "订单号DD2026110377", "13800138000", "王芳"), homeowner);
      assertEquals(LongStream.rangeClosed(1, log.size()).boxed().toList(), log.stream().map(ChatEntry::seq).toList());
      toOne.close();
      toTwo.close();
    }
  }

  private Gateway gateway(GatewayHarness harness, RedisServer redis, String name, Steps steps) {
    UnaryOperator<Stores> decorate = s -> s.withSessions(steps.around(s.sessions()));
    return harness.start(TestConfig.embedded(dir.resolve(name)).with("REDIS_URL", redis.url()),
        Gateway.Parts.withStores(decorate));
  }

  /** Counts how the turns reached the store: a claim on its own, or a claim with its commit (written or not). */
  private static final class Steps {
    final AtomicInteger claims = new AtomicInteger();
    final AtomicInteger written = new AtomicInteger();
    final AtomicInteger notWritten = new AtomicInteger();

    SessionStore around(SessionStore inner) {
      return new ForwardingSessionStore(inner) {
        @Override
        public Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check) {
          claims.incrementAndGet();
          return inner.claim(messageKey, key, check);
        }

        @Override
        public Future<ClaimedTurn> claimAndCommit(String messageKey, ConversationKey key,
            Optional<NonceCheck> check, String expectedVersion, Session session, Duration idle, RecordedReply reply,
            Optional<TurnTranscript> transcript) {
          return inner.claimAndCommit(messageKey, key, check, expectedVersion, session, idle, reply, transcript)
              .onSuccess(turn -> (turn instanceof ClaimedTurn.Written ? written : notWritten).incrementAndGet());
        }
      };
    }
  }
}
