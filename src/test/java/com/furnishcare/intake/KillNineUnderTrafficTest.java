package com.furnishcare.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.FakeTicketWebhook;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.IntakeTraffic;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.TrafficAudit;
import com.furnishcare.intake.support.WeChatLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import static com.furnishcare.intake.RedisOutageTest.blockedWarnings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17.5 (c): kill -9 of the gateway while homeowners are mid-turn and while the outbox relay is
 * forwarding tickets to a webhook that holds each delivery for a while, on each store; a new gateway on the
 * same data. Counts in = counts out: every reply given is still on record, every ticket a reply named is
 * stored and reaches the webhook, no complaint becomes two tickets and no ticket goes under two keys.
 *
 * <p>A delivery the webhook received but the killed gateway never recorded is sent again with the same
 * {@code Idempotency-Key} once its lease (60 s) runs out, which is what the key is for: the receiver drops it.
 * The test reports those repeats and waits out the lease, so a leased but unsent ticket is seen to arrive.
 */
class KillNineUnderTrafficTest {

  private static final int HOMEOWNERS = 8;
  private static final Duration WEBHOOK_HOLD = Duration.ofMillis(250);
  /** The relay's lease (OUTBOX_LEASE_MS, the shortest allowed) plus its back-off and a margin. */
  private static final Duration LEASE = Duration.ofSeconds(12);
  private static final Duration LEASE_AND_MARGIN = LEASE.plusSeconds(12);
  /** At least this for the tickets delivered after the restart to reach the webhook, longer while they arrive. */
  private static final Duration SINK_BACKLOG = Duration.ofSeconds(40);

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void killNineMidTurnAndMidForwardLosesAndDoublesNothing(String store) throws Exception {
    RedisServer redis = store.equals("redis") ? RedisServer.startDurable(dir.resolve("redis")) : null;
    Path log = dir.resolve("gateway.log");
    try (FakeTicketWebhook webhook = new FakeTicketWebhook(WEBHOOK_HOLD)) {
      Map<String, String> env = new HashMap<>(Map.of(
          "GATEWAY_DATA_DIR", dir.resolve("data").toString(),
          "WECHAT_TOKEN", TestConfig.TOKEN,
          "GATEWAY_ADMIN_TOKEN", TestConfig.ADMIN_TOKEN,
          "TICKET_SINK", "webhook",
          "TICKET_WEBHOOK_URL", webhook.url(),
          "TICKET_WEBHOOK_SECRET", "webhook-secret-0123456789",
          "OUTBOX_RELAY_INTERVAL_MS", "200",
          "OUTBOX_LEASE_MS", Long.toString(LEASE.toMillis()),
          "OUTBOX_BASE_DELAY_MS", "200",
          "OUTBOX_MAX_DELAY_MS", "2000"));
      if (redis != null) {
        env.put("REDIS_URL", redis.url());
      }
      AtomicReference<WeChatLine> line = new AtomicReference<>();
      IntakeTraffic traffic = new IntakeTraffic(line::get, "kill9-" + store);
      int waitingAtKill;
      int forwardingAtKill;
      int ackedAtKill;
      long killedAt;
      try (GatewayProcess first = GatewayProcess.start(env, log)) {
        line.set(new WeChatLine(first.port(), TestConfig.TOKEN));
        traffic.start(HOMEOWNERS);
        // Traffic until tickets are being forwarded, then the kill at a moment both are under way.
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Thread.sleep(4000);
        while (!(webhook.inFlight() > 0 && traffic.waiting.get() > 0) && System.nanoTime() < end) {
          Thread.sleep(5);
        }
        waitingAtKill = traffic.waiting.get();
        forwardingAtKill = webhook.inFlight();
        ackedAtKill = traffic.acked.size();
        first.kill();
        killedAt = System.nanoTime();
      }
      try (GatewayProcess second = GatewayProcess.start(env, log)) {
        long downMs = (System.nanoTime() - killedAt) / 1_000_000;
        line.set(new WeChatLine(second.port(), TestConfig.TOKEN));
        Thread.sleep(5000);
        traffic.stopStarting();
        assertTrue(traffic.awaitFinished(Duration.ofSeconds(30)), "a homeowner is still waiting for a reply");
        TrafficAudit audit = new TrafficAudit(line.get(), traffic);
        List<String> forgotten = audit.forgottenReplies();
        List<String> emptyUnrecorded = audit.emptyAnswersUnrecorded();
        List<String> notStored = audit.ticketsNotStored();
        // Every ticket must arrive: those leased by the killed gateway once the lease ends, the rest as the relay
        // works through the backlog (each delivery held by the webhook); waits as long as deliveries keep arriving.
        Duration leftOfLease = LEASE_AND_MARGIN.minusNanos(System.nanoTime() - killedAt);
        Set<String> missingAtSink = audit.missingAtSink(webhook,
            leftOfLease.compareTo(SINK_BACKLOG) > 0 ? leftOfLease : SINK_BACKLOG);
        Map<String, Set<String>> unnamedNotOnce = audit.unnamedNotOnce(webhook, Duration.ofSeconds(5));
        // Then a little longer than the lease, for repeats of deliveries the killed gateway never recorded.
        long leaseEnd = killedAt + LEASE_AND_MARGIN.toNanos();
        if (System.nanoTime() < leaseEnd) {
          Thread.sleep((leaseEnd - System.nanoTime()) / 1_000_000);
        }
        Map<String, Integer> posts = webhook.postsByTicket();
        long repeated = posts.values().stream().filter(n -> n > 1).count();
        long notNamed = posts.keySet().stream().filter(id -> !traffic.tickets.containsKey(id)).count();
        String gatewayLog = Files.readString(log);

        System.out.println("FIGURE kill9-under-traffic store=" + store + " homeowners=" + HOMEOWNERS + " posts="
            + traffic.posts + " statuses=" + traffic.statuses + " ackedAtKill=" + ackedAtKill + " turnsWaitingAtKill="
            + waitingAtKill + " forwardingAtKill=" + forwardingAtKill + " downMs=" + downMs + " acked="
            + traffic.acked.size() + " apologies=" + traffic.apologies + " emptyAnswers=" + traffic.emptyAnswers.size()
            + " intakes=" + traffic.intakesDone + " tickets=" + traffic.tickets.size() + " atSink=" + posts.size()
            + " atSinkNotNamedInAReply=" + notNamed + " resentSameKey=" + repeated + " forgotten=" + forgotten.size()
            + " missingAtSink=" + missingAtSink.size() + " confirmationsRepliedInTheKill=" + traffic.unnamed.size()
            + " blockedWarnings=" + blockedWarnings(gatewayLog));

        assertTrue(waitingAtKill > 0 && forwardingAtKill > 0, "the kill came mid-turn and mid-forward");
        assertTrue(traffic.intakesDone.get() > HOMEOWNERS, "intakes went on after the restart");
        assertEquals(List.of(), traffic.oddReplies, "replies out of the intake's course");
        assertEquals(List.of(), forgotten, "replies given but not on record after the kill");
        assertEquals(List.of(), emptyUnrecorded, "'success' answers for turns that were not stored");
        assertEquals(List.of(), notStored, "tickets named in a reply but not in the store");
        assertEquals(Set.of(), missingAtSink, "tickets that never reached the webhook");
        assertEquals(Map.of(), unnamedNotOnce, "intakes whose confirmation's reply was lost in the kill: one ticket each");
        assertEquals(Map.of(), TrafficAudit.filedTwice(webhook), "complaints filed as two tickets");
        assertEquals(Map.of(), TrafficAudit.sentAsTwo(webhook), "tickets sent under two idempotency keys");
        assertFalse(gatewayLog.contains(RedisOutageTest.BLOCKING_CALL), () -> "blocked thread in the gateway log:\n"
            + RedisOutageTest.around(gatewayLog, RedisOutageTest.BLOCKING_CALL));
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }
}
