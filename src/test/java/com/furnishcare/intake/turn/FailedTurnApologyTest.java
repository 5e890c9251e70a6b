package com.furnishcare.intake.turn;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.ForwardingSessionStore;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A turn that cannot be stored tells the homeowner to send the message again, in the dialogs' own words. */
@ExtendWith(VertxExtension.class)
class FailedTurnApologyTest {

  @TempDir
  Path dir;

  @Test
  void aTurnWhoseCommitFailsAnswersTheApologyOfMessagesYamlAndTheRetryIsATurnAgain(Vertx vertx) throws Exception {
    String apology = Files.readAllLines(Path.of("dialogs/messages.yaml")).stream()
        .filter(l -> l.startsWith("turnFailed:")).findFirst().orElseThrow()
        .substring("turnFailed:".length()).strip();
    AtomicBoolean failing = new AtomicBoolean(true);
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir), Gateway.Parts.withStores(
          stores -> stores.withSessions(new ForwardingSessionStore(stores.sessions()) {
            @Override
            public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
                Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets,
                List<Ticket> changedTickets, Optional<TurnTranscript> transcript) {
              return failing.get() ? Future.failedFuture(new IllegalStateException("disk on fire"))
                  : inner.commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
                      transcript);
            }
          })));
      WeChatClient wechat = harness.wechat(gateway);
      String xml = WeChatClient.textXml("o-apology", "770001", "衣柜门板色差很明显");
      assertEquals(apology, content(wechat.post(xml).bodyAsString()));
      failing.set(false);
      String retried = content(wechat.post(xml).bodyAsString());
      assertTrue(retried.contains("订单号"), "WeChat's retry of the same message is decided and stored: " + retried);
    }
  }
}
