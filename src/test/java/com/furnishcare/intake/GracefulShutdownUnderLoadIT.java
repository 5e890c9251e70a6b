package com.furnishcare.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 17, point 7: a graceful stop under load loses nothing. The packaged jar, on the embedded store
 * and on Redis, takes continuous WeChat traffic from {@value #USERS} homeowners walking a complaint
 * intake (every user's next message follows the previous reply, so many are in flight at any moment);
 * SIGTERM arrives in the middle. Then counts in = counts out:
 *
 * <ul>
 *   <li>every request got a 2xx answer or a refused/closed connection, none hung past the grace;
 *   <li>the process exits 0 (a clean stop) within the grace, with no warning or error logged;
 *   <li>restarted on the same store, WeChat's retries (the same MsgIds) of acknowledged messages get the
 *       very reply they got before (the stored turn record, not a second turn), the unacknowledged ones
 *       are processed once, and every conversation goes on from where it was;
 *   <li>one ticket per confirmed intake, each with the number its confirmation named, none twice.
 * </ul>
 *
 * Runs in {@code mvn verify}, after {@code package} has built the jar.
 */
@ExtendWith(VertxExtension.class)
class GracefulShutdownUnderLoadIT {

  private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/intake-gateway.jar"));
  private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  private static final int USERS = 80;
  /** TestConfig's GATEWAY_SHUTDOWN_GRACE_S. */
  private static final int GRACE_S = 5;
  /**
   * Users start over this window; SIGTERM comes once {@link #CONFIRMED_BEFORE_SIGNAL} intakes are confirmed
   * (or at {@link #SIGNAL_AT_MS} at the latest), so some are done, many mid-way, the rest not started.
   */
  private static final int RAMP_MS = 8_000;
  private static final int CONFIRMED_BEFORE_SIGNAL = USERS / 8;
  private static final int SIGNAL_AT_MS = 12_000;
  private static final int THINK_MS = 120;

  /** One message of the intake and a piece of the reply it must get. */
  private record Step(String text, String expect) {}

  /** What happened to one request before the signal or during the stop. */
  private record Sent(String msgId, int step, Optional<String> reply, String failure, long sentNanos,
      long endedNanos) {
    boolean answered() {
      return reply.isPresent();
    }
  }

  @TempDir
  Path dir;

  private static final AtomicLong MSG_IDS = new AtomicLong(7_000_000_000L);
  private final AtomicInteger confirmed = new AtomicInteger();

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void sigtermUnderLoadLosesNothing(String store, Vertx vertx) throws Exception {
    RedisServer redis = store.equals("redis") ? RedisServer.start() : null;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    // The resumed users wait for their answers; the HTTP client's own threads must not be theirs.
    ExecutorService users = Executors.newFixedThreadPool(16);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
        .connectTimeout(Duration.ofSeconds(2)).build();
    try {
      Map<String, String> env = new HashMap<>(TestConfig.onStore(store, Files.createDirectories(dir.resolve("data")),
          redis).env());
      env.put("GATEWAY_SHUTDOWN_GRACE_S", Integer.toString(GRACE_S));
      Path log = Path.of("target", "graceful-" + store + ".log").toAbsolutePath();
      Files.deleteIfExists(log);
      List<List<Step>> intakes = new ArrayList<>();
      for (int u = 0; u < USERS; u++) {
        intakes.add(intake(u));
      }
      String prefix = "o-term-" + store + "-";

      // Phase 1: the load, and SIGTERM in the middle of it.
      List<List<Sent>> history = new ArrayList<>();
      long signalledAt;
      int exit;
      long exitMs;
      String shutdownLog;
      try (GatewayProcess gateway = GatewayProcess.fromJar(JAR, PROJECT, env, log)) {
        WeChatClient signer = new WeChatClient(vertx, gateway.port(), TestConfig.TOKEN, null, null);
        long start = System.nanoTime();
        List<CompletableFuture<List<Sent>>> walks = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
          long delay = (long) u * RAMP_MS / USERS;
          walks.add(walk(http, signer, gateway.port(), prefix + u, intakes.get(u), start, delay));
        }
        while (confirmed.get() < CONFIRMED_BEFORE_SIGNAL
            && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < SIGNAL_AT_MS) {
          Thread.sleep(20);
        }
        long logBefore = Files.size(log);
        signalledAt = System.nanoTime();
        gateway.signalTerm();
        Optional<Integer> exited = gateway.awaitExit(Duration.ofSeconds(GRACE_S + 15));
        exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalledAt);
        shutdownLog = tail(log, logBefore);
        assertTrue(exited.isPresent(), "still running " + exitMs + " ms after SIGTERM:\n" + shutdownLog);
        exit = exited.get();
        for (CompletableFuture<List<Sent>> walk : walks) {
          // Every request ends with the process at the latest: a hang would be a timeout below.
          history.add(walk.get(20, TimeUnit.SECONDS));
        }
        signer.close();
      }

      int answered = 0;
      int refused = 0;
      int closed = 0;
      List<String> other = new ArrayList<>();
      long lastAnswerMs = 0;
      int inFlight = 0;
      int inFlightAnswered = 0;
      long lastClosedMs = 0;
      int ackedConfirmations = 0;
      for (List<Sent> walk : history) {
        for (Sent s : walk) {
          long afterSignalMs = TimeUnit.NANOSECONDS.toMillis(s.endedNanos - signalledAt);
          if (s.sentNanos < signalledAt && s.endedNanos >= signalledAt) {
            inFlight++;
            inFlightAnswered += s.answered() ? 1 : 0;
          }
          if (s.answered()) {
            answered++;
            lastAnswerMs = Math.max(lastAnswerMs, afterSignalMs);
            if (s.step == 6) {
              ackedConfirmations++;
            }
          } else if (s.failure.equals("refused")) {
            refused++;
          } else if (s.failure.equals("closed")) {
            closed++;
            lastClosedMs = Math.max(lastClosedMs, afterSignalMs);
          } else {
            other.add(s.msgId + ": " + s.failure);
          }
        }
      }
      String counts = store + ": " + inFlight + " in flight at SIGTERM (" + inFlightAnswered + " of them answered); "
          + "answered " + answered + ", refused " + refused + ", closed " + closed
          + ", confirmations acknowledged " + ackedConfirmations + "; last answer " + lastAnswerMs
          + " ms and last closed connection " + lastClosedMs + " ms after SIGTERM, exit " + exit + " after " + exitMs
          + " ms";
      System.out.println(counts);
      assertEquals(List.of(), other, "neither answered nor refused/closed (a hang or an error answer): " + counts);
      assertEquals(0, exit, "exit status after SIGTERM under load: " + counts + "\n" + shutdownLog);
      assertTrue(exitMs <= (GRACE_S + 2) * 1_000L, counts + "\n" + shutdownLog);
      assertEquals(List.of(), GatewayProcess.troubleIn(shutdownLog), shutdownLog);
      assertTrue(ackedConfirmations > 0 && ackedConfirmations < USERS, "the signal came in the middle of the traffic: "
          + counts);
      assertTrue(refused + closed > 0, "the signal came in the middle of the traffic: " + counts);

      // Phase 2: the same store again; WeChat retries what was not answered, users go on.
      int repeated = 0;
      int retried = 0;
      int ticketsAtRestart;
      Map<String, String> ticketOf = new HashMap<>();
      try (GatewayProcess gateway = GatewayProcess.fromJar(JAR, PROJECT, env, log)) {
        WeChatClient signer = new WeChatClient(vertx, gateway.port(), TestConfig.TOKEN, null, null);
        ticketsAtRestart = tickets(http, gateway.port(), prefix).size();
        List<CompletableFuture<int[]>> resumes = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
          String user = prefix + u;
          List<Step> steps = intakes.get(u);
          List<Sent> walk = history.get(u);
          resumes.add(CompletableFuture.supplyAsync(() -> resume(http, signer, gateway.port(), user, steps, walk,
              ticketOf), users));
        }
        for (CompletableFuture<int[]> resume : resumes) {
          int[] n = resume.get(60, TimeUnit.SECONDS);
          repeated += n[0];
          retried += n[1];
        }
        JsonArray stored = tickets(http, gateway.port(), prefix);
        Map<String, Integer> perUser = new HashMap<>();
        Map<String, Integer> perId = new HashMap<>();
        for (int i = 0; i < stored.size(); i++) {
          JsonObject t = stored.getJsonObject(i);
          perUser.merge(t.getString("userId"), 1, Integer::sum);
          perId.merge(t.getString("id"), 1, Integer::sum);
          assertEquals(ticketOf.get(t.getString("userId")), t.getString("id"), "the ticket the confirmation named");
        }
        String all = counts + "; at restart " + ticketsAtRestart + " tickets; acknowledged messages repeated "
            + repeated + ", unacknowledged retried " + retried + "; tickets " + stored.size();
        System.out.println(all);
        assertTrue(ticketsAtRestart >= ackedConfirmations, "a confirmed ticket was lost: " + all);
        assertEquals(USERS, stored.size(), "one ticket per confirmed intake: " + all);
        assertEquals(USERS, perUser.size(), all);
        assertEquals(USERS, perId.size(), "no ticket twice: " + all);
        assertEquals(answered, repeated, all);
        signer.close();
        assertEquals(0, gateway.terminate(), "exit status after SIGTERM");
      }
      assertFalse(Files.readString(log).contains("has been blocked"), "blocked-thread warning in the gateway log");
    } finally {
      pool.shutdownNow();
      users.shutdownNow();
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** A complete intake, one slot per message, with this user's own order number and phone. */
  private static List<Step> intake(int user) {
    String suffix = String.format("%03d", user);
    return List.of(new Step("衣柜门板色差很明显", "订单号"), new Step("DD2026110" + suffix, "手机号"),
        new Step("13800138" + suffix, "称呼"), new Step("王芳", "地址"),
        new Step("杭州市西湖区文三路100号5幢2单元301室", "处理"), new Step("更换", "确认"),
        new Step("确认", "TK"));
  }

  /**
   * One user's intake until it is done or a request is not answered (the user, or WeChat for them,
   * retries that one after the restart); each message waits for the previous reply.
   */
  private CompletableFuture<List<Sent>> walk(HttpClient http, WeChatClient signer, int port, String user,
      List<Step> steps, long start, long delayMs) {
    List<Sent> sent = new ArrayList<>();
    CompletableFuture<List<Sent>> done = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(() -> next(http, signer, port, user,
        steps, 0, sent, done));
    return done;
  }

  private void next(HttpClient http, WeChatClient signer, int port, String user, List<Step> steps, int step,
      List<Sent> sent, CompletableFuture<List<Sent>> done) {
    if (step == steps.size()) {
      done.complete(sent);
      return;
    }
    String msgId = Long.toString(MSG_IDS.incrementAndGet());
    long sentAt = System.nanoTime();
    post(http, signer, port, user, msgId, steps.get(step).text()).whenComplete((r, err) -> {
      if (err != null) {
        sent.add(new Sent(msgId, step, Optional.empty(), kind(err), sentAt, System.nanoTime()));
        done.complete(sent);
      } else if (r.statusCode() / 100 != 2) {
        sent.add(new Sent(msgId, step, Optional.empty(), "HTTP " + r.statusCode() + " " + r.body(),
            sentAt, System.nanoTime()));
        done.complete(sent);
      } else {
        sent.add(new Sent(msgId, step, Optional.of(content(r.body())), null, sentAt,
            System.nanoTime()));
        if (step == steps.size() - 1) {
          confirmed.incrementAndGet();
        }
        long think = THINK_MS / 2 + ThreadLocalRandom.current().nextInt(THINK_MS);
        CompletableFuture.delayedExecutor(think, TimeUnit.MILLISECONDS).execute(() -> next(http, signer, port, user,
            steps, step + 1, sent, done));
      }
    });
  }

  /**
   * After the restart: the acknowledged messages again (same reply), the one that was not (processed now,
   * and only once), then the rest of the intake. Returns {repeated, retried}.
   */
  private static int[] resume(HttpClient http, WeChatClient signer, int port, String user, List<Step> steps,
      List<Sent> walk, Map<String, String> ticketOf) {
    int repeated = 0;
    int retried = 0;
    String lastReply = null;
    int nextStep = 0;
    for (Sent s : walk) {
      String reply = answer(http, signer, port, user, s.msgId, steps.get(s.step).text());
      if (s.answered()) {
        assertEquals(s.reply.get(), reply, user + " step " + s.step + ": WeChat's retry of an acknowledged message");
        repeated++;
      } else {
        assertTrue(reply.contains(steps.get(s.step).expect()), user + " step " + s.step + " retried: " + reply);
        assertEquals(reply, answer(http, signer, port, user, s.msgId, steps.get(s.step).text()),
            user + " step " + s.step + ": once processed, a retry gets the same reply");
        retried++;
      }
      lastReply = reply;
      nextStep = s.step + 1;
    }
    for (int step = nextStep; step < steps.size(); step++) {
      lastReply = answer(http, signer, port, user, Long.toString(MSG_IDS.incrementAndGet()), steps.get(step).text());
      assertTrue(lastReply.contains(steps.get(step).expect()), user + " step " + step + ": " + lastReply);
    }
    synchronized (ticketOf) {
      ticketOf.put(user, Intake.ticketId(lastReply));
    }
    return new int[] {repeated, retried};
  }

  private static String answer(HttpClient http, WeChatClient signer, int port, String user, String msgId,
      String text) {
    HttpResponse<String> r = post(http, signer, port, user, msgId, text).join();
    assertEquals(200, r.statusCode(), r.body());
    return content(r.body());
  }

  private static CompletableFuture<HttpResponse<String>> post(HttpClient http, WeChatClient signer, int port,
      String user, String msgId, String text) {
    String uri = signer.signedUri(Long.toString(WeChatClient.now()));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
        .timeout(Duration.ofSeconds(GRACE_S + 5))
        .POST(HttpRequest.BodyPublishers.ofString(WeChatClient.textXml(user, msgId, text), StandardCharsets.UTF_8))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** "success" (a reply pushed later) is the empty answer. */
  private static String content(String body) {
    return body.equals("success") ? "" : GatewayHarness.content(body);
  }

  /** refused (nobody listens), closed (the connection ended without an answer), or what else it was. */
  private static String kind(Throwable err) {
    Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (cause instanceof HttpTimeoutException) {
      return "hung: " + cause;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "refused";
      }
    }
    if (cause instanceof IOException) {
      return "closed";
    }
    return cause.toString();
  }

  private static JsonArray tickets(HttpClient http, int port, String prefix) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/api/tickets?limit=1000")).header("Authorization", "Bearer " + TestConfig.ADMIN_TOKEN)
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), r.body());
    JsonArray mine = new JsonArray();
    new JsonObject(r.body()).getJsonArray("items").forEach(t -> {
      if (((JsonObject) t).getString("userId", "").startsWith(prefix)) {
        mine.add(t);
      }
    });
    return mine;
  }

  private static String tail(Path log, long from) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
  }
}
