package com.furnishcare.intake.ticket;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.TicketingConfig;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.OutboxStats;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.support.RequestTracker;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request Tracker away for ten minutes of simulated time: the relay, on a clock the test moves and with the
 * production back-off and attempt limit, keeps every ticket and sends each exactly once when RT is back.
 */
@ExtendWith(VertxExtension.class)
class RequestTrackerAwayTest {

  private static final int TICKETS = 20;
  private static final Duration OUTAGE = Duration.ofMinutes(10);
  private static final Duration STEP = Duration.ofSeconds(1);

  private static RequestTracker rt;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRt() throws Exception {
    if (!RequestTracker.installed()) {
      throw new IllegalStateException("Request Tracker is not installed: run scripts/test-all.sh, which installs it");
    }
    rt = RequestTracker.start();
    rt.warmUp();
  }

  @AfterAll
  static void stopRt() throws Exception {
    rt.close();
  }

  /** A clock only the test moves. */
  private static final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static int countInRt(String gatewayId) throws Exception {
    String query = URLEncoder.encode("Subject LIKE '[" + gatewayId + "]'", StandardCharsets.UTF_8);
    return new JsonObject(rt.get("/REST/2.0/tickets?query=" + query)).getInteger("count");
  }

  private static RequestTrackerSink sink(Vertx vertx, String url) {
    return new RequestTrackerSink(vertx, url, Optional.empty(), Optional.of("root"), Optional.of("password"),
        RtRouting.only("General"), new TicketText(Map.of(), ZoneId.of("Asia/Shanghai")), BlobStore.unavailable());
  }

  /** The ticket and its outbox entry, committed with the turn the way a conversation does it. */
  private static void file(Stores stores, String id, int i) {
    ConversationKey user = new ConversationKey(ChannelName.WECHAT, "rt-away-" + id);
    Instant now = Instant.now();
    Ticket t = new Ticket(id, TicketStatus.PENDING, 1 + i % 3, "colour_difference", "王芳", "13800138000",
        "DD2026110301", "杭州市西湖区文三路100号", "衣柜门板色差很明显", "replace", List.of(), ChannelName.WECHAT,
        "rt-away", now, now.plusSeconds(3600), now.plusSeconds(3 * 86400), "", false, "", List.of("用户: 色差"),
        Route.headquarters(), "");
    await(stores.sessions().claim("m-" + id, user));
    await(stores.sessions().commitTurn(user, Session.fresh(now), Duration.ofDays(1), "m-" + id,
        RecordedReply.nothing(), List.of(t), List.of()));
  }

  /** The production defaults, through the real loader with nothing set. */
  private TicketingConfig defaults() {
    return TestConfig.embedded(dataDir).build().ticketing();
  }

  @Test
  void tenMinutesWithoutRtLoseNoTicketAndDoubleNone(Vertx vertx) throws Exception {
    TicketingConfig defaults = defaults();
    Stores stores = await(EmbeddedStores.open(vertx, dataDir.resolve("store"), StoreSettings.defaults()));
    boolean rtDown = false;
    try {
      rt.stop();
      rtDown = true;
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < TICKETS; i++) {
        String id = String.format("TK261124-AW%03d", i);
        file(stores, id, i);
        ids.add(id);
      }
      SettableClock clock = new SettableClock(Instant.now());
      OutboxRelay relay = new OutboxRelay(vertx, stores.outbox(), stores.tickets(), sink(vertx, rt.url()),
          new Backoff(defaults.baseDelay(), defaults.maxDelay(), new SecureRandom()), defaults.maxAttempts(),
          new GatewayMetrics(), clock);

      // RT away: passes while the clock crosses ten minutes; the back-off decides how often each is tried.
      int attemptsWhileAway = 0;
      Optional<Duration> firstDeadLetterAfter = Optional.empty();
      for (Duration away = Duration.ZERO; away.compareTo(OUTAGE) <= 0; away = away.plus(STEP)) {
        int taken = await(relay.runOnce());
        attemptsWhileAway += taken;
        if (taken > 0 && firstDeadLetterAfter.isEmpty() && await(stores.outbox().stats()).dead() > 0) {
          firstDeadLetterAfter = Optional.of(away);
        }
        clock.advance(STEP);
      }
      OutboxStats afterOutage = await(stores.outbox().stats());
      long deadDuringOutage = afterOutage.dead();
      System.out.println("RT away " + OUTAGE + ": " + attemptsWhileAway + " attempts for " + TICKETS
          + " tickets (base " + defaults.baseDelay() + ", cap " + defaults.maxDelay() + ", max attempts "
          + defaults.maxAttempts() + "), pending " + afterOutage.pending() + ", dead letters " + deadDuringOutage
          + firstDeadLetterAfter.map(d -> " (the first after " + d + " away)").orElse(""));
      assertTrue(attemptsWhileAway >= TICKETS, "every ticket was tried while RT was away: " + attemptsWhileAway);

      // RT back: passes until nothing is pending, the clock moving so the scheduled retries come due.
      rt.startAgain();
      rtDown = false;
      int attemptsAfter = 0;
      Instant giveUp = clock.instant().plus(defaults.maxDelay().multipliedBy(3));
      while (await(stores.outbox().stats()).pending() > 0) {
        assertTrue(clock.instant().isBefore(giveUp), "outbox still not empty " + defaults.maxDelay().multipliedBy(3)
            + " after RT came back");
        attemptsAfter += await(relay.runOnce());
        clock.advance(STEP);
      }
      OutboxStats end = await(stores.outbox().stats());
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (String id : ids) {
        counts.put(id, countInRt(id));
      }
      long missing = counts.values().stream().filter(c -> c == 0).count();
      long doubled = counts.values().stream().filter(c -> c > 1).count();
      System.out.println("FIGURE rt-away tickets=" + TICKETS + " attempts=" + (attemptsWhileAway + attemptsAfter)
          + " deadLetters=" + end.dead() + " doubled=" + doubled);
      assertEquals(0, deadDuringOutage, "no ticket became a dead letter during a " + OUTAGE + " outage");
      assertEquals(0, end.dead(), "no dead letters");
      assertEquals(0, missing, "every ticket reached RT: " + counts);
      assertEquals(0, doubled, "no ticket is in RT twice: " + counts);
    } finally {
      await(stores.close());
      if (rtDown) {
        rt.startAgain();
      }
    }
  }

  /**
   * RT created the ticket but its answer never reached the gateway (the connection cut after RT's 201): the
   * delivery fails, the relay tries again later, and the retry finds the first RT ticket instead of making a
   * second.
   */
  @Test
  void aCreateWhoseAnswerWasLostIsNotDoubledOnRetry(Vertx vertx) throws Exception {
    TicketingConfig defaults = defaults();
    Stores stores = await(EmbeddedStores.open(vertx, dataDir.resolve("store-lost"), StoreSettings.defaults()));
    try (AnswerCutter cutter = new AnswerCutter(URI.create(rt.url()).getPort())) {
      String id = "TK261124-LOST1";
      file(stores, id, 0);
      SettableClock clock = new SettableClock(Instant.now());
      OutboxRelay relay = new OutboxRelay(vertx, stores.outbox(), stores.tickets(), sink(vertx, cutter.url()),
          new Backoff(defaults.baseDelay(), defaults.maxDelay(), new SecureRandom()), defaults.maxAttempts(),
          new GatewayMetrics(), clock);

      cutter.cutNextCreate();
      assertEquals(1, await(relay.runOnce()));
      assertTrue(cutter.cutAnswer().orElse("").startsWith("HTTP/1.1 201"),
          "RT answered the create, and that answer was cut: " + cutter.cutAnswer());
      assertEquals(1, countInRt(id), "RT made the ticket although the gateway never heard so");
      OutboxStats afterCut = await(stores.outbox().stats());
      assertEquals(1, afterCut.pending(), "the delivery counts as failed and waits for its retry");

      int passes = 0;
      while (await(stores.outbox().stats()).pending() > 0) {
        assertTrue(passes++ < 600, "retry never came due");
        clock.advance(STEP);
        await(relay.runOnce());
      }
      assertEquals(0, await(stores.outbox().stats()).dead());
      assertEquals(1, countInRt(id), "the retry found the first RT ticket instead of creating a second");
      assertEquals(1, cutter.creates(), "the retry did not create again");
    } finally {
      await(stores.close());
    }
  }

  /**
   * A TCP relay in front of the real RT that, once armed, forwards the next ticket create to RT and then
   * drops RT's answer and closes the gateway's connection: "RT made it, the answer was lost", on demand.
   * Runs on its own threads, never an event loop.
   */
  private static final class AnswerCutter implements AutoCloseable {
    private static final String CREATE = "POST /REST/2.0/ticket HTTP/1.1";
    private final int rtPort;
    private final ServerSocket server;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicReference<String> cut = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger creates = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());

    AnswerCutter(int rtPort) throws IOException {
      this.rtPort = rtPort;
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(this::accept, "answer-cutter-accept");
      accept.setDaemon(true);
      accept.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    void cutNextCreate() {
      armed.set(true);
    }

    Optional<String> cutAnswer() {
      return Optional.ofNullable(cut.get());
    }

    int creates() {
      return creates.get();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), rtPort);
          sockets.add(client);
          sockets.add(upstream);
          AtomicBoolean cutThis = new AtomicBoolean();
          start(() -> requests(client, upstream, cutThis));
          start(() -> answers(upstream, client, cutThis));
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void start(Runnable r) {
      Thread t = new Thread(r, "answer-cutter");
      t.setDaemon(true);
      t.start();
    }

    /** Gateway to RT; HTTP/1.1 without pipelining, so after a create's request every answer byte is its answer. */
    private void requests(Socket client, Socket upstream, AtomicBoolean cutThis) {
      byte[] buf = new byte[65536];
      try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains(CREATE)) {
            creates.incrementAndGet();
            if (armed.compareAndSet(true, false)) {
              cutThis.set(true);
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        closeQuietly(client, upstream);
      }
    }

    private void answers(Socket upstream, Socket client, AtomicBoolean cutThis) {
      byte[] buf = new byte[65536];
      try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          if (cutThis.get()) {
            String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            cut.set(head.lines().findFirst().orElse(""));
            return; // the answer never reaches the gateway
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed
      } finally {
        closeQuietly(client, upstream);
      }
    }

    private static void closeQuietly(Socket... all) {
      for (Socket s : all) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (sockets) {
        sockets.forEach(s -> closeQuietly(s));
      }
    }
  }
}
