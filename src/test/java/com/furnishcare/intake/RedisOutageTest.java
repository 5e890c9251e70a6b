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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17.5 (a): Redis (append-only file, fsync every second) stopped for 30 s under WeChat traffic and
 * started again on the same port and directory, the gateway running throughout. While Redis is away
 * /health answers 503 within its 2 s bound and /wechat never answers a reply for a turn it did not store
 * (it answers 503, which WeChat retries, or an apology that asks to send again); once Redis is back, without
 * a gateway restart, every reply given is still on record (a retry of its MsgId gets the same reply, not a
 * second turn), every ticket named in a reply is stored and reaches the ticket webhook, none twice.
 */
class RedisOutageTest {

  private static final int HOMEOWNERS = 6;
  private static final Duration BEFORE = Duration.ofSeconds(5);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration AFTER = Duration.ofSeconds(8);

  @TempDir
  Path dir;

  /**
   * What Vert.x logs with the stack of a thread blocked longer than its warning-exception time (5 s): a
   * blocking call. Shorter warnings (2-5 s, no stack) come from CPU starvation on the shared 2-core test
   * machine too (every event loop "blocked" at the same instant); they are counted in the figures.
   */
  static final String BLOCKING_CALL = "io.vertx.core.VertxException: Thread blocked";

  static long blockedWarnings(String log) {
    return log.lines().filter(l -> l.contains("has been blocked for")).count();
  }

  /** The first line holding {@code needle} and the 25 after it (a warning and its stack). */
  static String around(String log, String needle) {
    List<String> lines = log.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return String.join("\n", lines.subList(i, Math.min(lines.size(), i + 26)));
      }
    }
    return "";
  }

  private record Probe(long atMs, int status, long tookMs) {}

  /**
   * @param how {@code stop}: SIGTERM, Redis's orderly shutdown (AOF flushed and fsynced); {@code kill}:
   *     SIGKILL, a crash of redis-server — what it acknowledged was written to the AOF before the answer, so
   *     it is in the kernel's page cache even if the last second was not fsynced yet
   */
  @ParameterizedTest
  @ValueSource(strings = {"stop", "kill"})
  void redisAwayThirtySecondsUnderTrafficLosesNothingAcknowledged(String how) throws Exception {
    RedisServer redis = RedisServer.startDurable(dir.resolve("redis"));
    Path log = dir.resolve("gateway.log");
    try (FakeTicketWebhook webhook = new FakeTicketWebhook()) {
      Map<String, String> env = Map.ofEntries(
          Map.entry("GATEWAY_DATA_DIR", dir.resolve("data").toString()),
          Map.entry("WECHAT_TOKEN", TestConfig.TOKEN),
          Map.entry("GATEWAY_ADMIN_TOKEN", TestConfig.ADMIN_TOKEN),
          Map.entry("REDIS_URL", redis.url()),
          Map.entry("TICKET_SINK", "webhook"),
          Map.entry("TICKET_WEBHOOK_URL", webhook.url()),
          Map.entry("TICKET_WEBHOOK_SECRET", "webhook-secret-0123456789"),
          Map.entry("OUTBOX_RELAY_INTERVAL_MS", "200"),
          Map.entry("OUTBOX_BASE_DELAY_MS", "200"),
          Map.entry("OUTBOX_MAX_DELAY_MS", "2000"));
      try (GatewayProcess gateway = GatewayProcess.start(env, log)) {
        WeChatLine line = new WeChatLine(gateway.port(), TestConfig.TOKEN);
        IntakeTraffic traffic = new IntakeTraffic(() -> line, "outage");
        List<Probe> probes = new CopyOnWriteArrayList<>();
        AtomicBoolean probing = new AtomicBoolean(true);
        long t0 = System.currentTimeMillis();
        Thread prober = new Thread(() -> {
          while (probing.get()) {
            long start = System.currentTimeMillis();
            try {
              int status = line.adminGet("/health", TestConfig.ADMIN_TOKEN, Duration.ofSeconds(5));
              probes.add(new Probe(start - t0, status, System.currentTimeMillis() - start));
              Thread.sleep(250);
            } catch (InterruptedException e) {
              return;
            }
          }
        }, "health-prober");
        prober.setDaemon(true);
        prober.start();
        traffic.start(HOMEOWNERS);

        Thread.sleep(BEFORE.toMillis());
        long warm = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (traffic.acked.size() < 4 * HOMEOWNERS && System.nanoTime() < warm) {
          Thread.sleep(100);
        }
        int ackedBefore = traffic.acked.size();
        long stoppedAt = System.currentTimeMillis() - t0;
        if (how.equals("kill")) {
          redis.kill();
        } else {
          redis.stop();
        }
        Thread.sleep(3000);
        int ackedSettled = traffic.acked.size();
        Thread.sleep(OUTAGE.toMillis() - 3000);
        int ackedDuring = traffic.acked.size() - ackedSettled;
        long restartedAt = System.currentTimeMillis() - t0;
        redis.startAgain();
        Thread.sleep(AFTER.toMillis());
        traffic.stopStarting();
        assertTrue(traffic.awaitFinished(Duration.ofSeconds(30)), "a homeowner is still waiting for a reply");
        probing.set(false);
        prober.join(6000);

        // /health: 503 within its bound while Redis is away (after a grace for connections to notice), 200 after.
        List<Probe> away = probes.stream().filter(p -> p.atMs() > stoppedAt + 3000 && p.atMs() + p.tookMs() < restartedAt)
            .toList();
        List<Probe> notDown = away.stream().filter(p -> p.status() != 503 || p.tookMs() > 3000).toList();
        long firstUpAgain = probes.stream().filter(p -> p.atMs() > restartedAt && p.status() == 200)
            .mapToLong(p -> p.atMs() - restartedAt).min().orElse(-1);

        TrafficAudit audit = new TrafficAudit(line, traffic);
        List<String> forgotten = audit.forgottenReplies();
        List<String> emptyUnrecorded = audit.emptyAnswersUnrecorded();
        List<String> notStored = audit.ticketsNotStored();
        Set<String> missingAtSink = audit.missingAtSink(webhook, Duration.ofSeconds(20));
        Map<String, Set<String>> unnamedNotOnce = audit.unnamedNotOnce(webhook, Duration.ofSeconds(5));
        Map<String, Integer> posts = webhook.postsByTicket();
        long repeatedPosts = posts.values().stream().filter(n -> n > 1).count();
        int healthAfter = line.adminGet("/health", TestConfig.ADMIN_TOKEN, Duration.ofSeconds(5));
        String gatewayLog = Files.readString(log);

        System.out.println("FIGURE redis-outage redis=" + how + " homeowners=" + HOMEOWNERS + " outage=" + OUTAGE.toSeconds() + "s posts="
            + traffic.posts + " statuses=" + traffic.statuses + " acked=" + traffic.acked.size() + " (before "
            + ackedBefore + ", during " + ackedDuring + ") apologies=" + traffic.apologies + " timeouts="
            + traffic.timeouts + " emptyAnswers=" + traffic.emptyAnswers.size() + " intakes=" + traffic.intakesDone
            + " tickets=" + traffic.tickets.size() + " atSink=" + posts.size() + " repeatedPosts=" + repeatedPosts
            + " forgotten=" + forgotten.size() + " healthProbesAway=" + away.size() + " notDown=" + notDown.size()
            + " healthyAgainAfterMs=" + firstUpAgain + " confirmationsRepliedInTheOutage=" + traffic.unnamed.size()
            + " blockedWarnings=" + blockedWarnings(gatewayLog));

        assertTrue(away.size() >= 10, "/health was probed while Redis was away: " + away);
        assertEquals(List.of(), notDown, "/health while Redis was away: 503 within 3 s");
        assertTrue(firstUpAgain >= 0 && firstUpAgain < 10_000, "/health 200 again within 10 s: " + firstUpAgain);
        assertEquals(200, healthAfter);
        assertEquals(0, ackedDuring, "no real reply while Redis was away, after the turns under way at the stop (nothing could be stored)");
        assertTrue(traffic.intakesDone.get() >= HOMEOWNERS, "intakes finished after Redis came back");
        assertEquals(List.of(), traffic.oddReplies, "replies out of the intake's course");
        assertEquals(List.of(), forgotten, "replies given but not on record after the outage");
        assertEquals(List.of(), emptyUnrecorded, "'success' answers for turns that were not stored");
        assertEquals(List.of(), notStored, "tickets named in a reply but not in the store");
        assertEquals(Set.of(), missingAtSink, "tickets that never reached the webhook");
        assertEquals(Map.of(), unnamedNotOnce, "intakes whose confirmation's reply was lost in the outage: one ticket each");
        assertEquals(Map.of(), TrafficAudit.filedTwice(webhook), "complaints filed as two tickets");
        assertEquals(Map.of(), TrafficAudit.sentAsTwo(webhook), "tickets sent under two idempotency keys");
        assertTrue(gatewayLog.contains("subscribed to Redis again"), "the chat bus subscribed again");
        assertFalse(gatewayLog.contains(BLOCKING_CALL), () -> "blocked thread in the gateway log:\n"
            + around(gatewayLog, BLOCKING_CALL));
      }
    } finally {
      redis.close();
    }
  }
}
