package com.furnishcare.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.furnishcare.intake.support.FakeTicketWebhook;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.IntakeTraffic;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.TrafficAudit;
import com.furnishcare.intake.support.WeChatLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17.5 (b): the disk of the embedded store fills up under WeChat traffic and is freed again. The data
 * directory is a real small file system (a 64 MB tmpfs, mounted by the test, which needs root; without it
 * the test is skipped, not faked), filled to the last byte by a filler file. While full the gateway keeps
 * answering (503, which WeChat retries, or the apology asking to send again; never a reply for a turn it
 * could not store) and logs the cause plainly; after the filler is deleted turns work again without a
 * restart; every reply given is still on record and every ticket at the webhook once; after a clean stop
 * the database passes {@code PRAGMA integrity_check}.
 */
class DiskFullTest {

  private static final int HOMEOWNERS = 4;

  @TempDir
  Path dir;

  private static boolean run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  /** Writes until the file system refuses; the bytes written. */
  private static long fill(Path file) {
    byte[] chunk = new byte[64 * 1024];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(chunk);
        written += chunk.length;
      }
    } catch (IOException full) {
      // "No space left on device"
    }
    // The last bytes, a page at a time, so not even a small write finds room.
    byte[] page = new byte[512];
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(page);
        out.flush();
        written += page.length;
      }
    } catch (IOException full) {
      return written;
    }
  }

  @Test
  void aFullDiskFailsTurnsPlainlyAndCorruptsNothing() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    // 64 MB, not less: the filler takes whatever is free, so the disk is as full either way, but once it is
    // deleted the traffic must not fill a small disk again before the audit (16 MB did on a fast run: every
    // replay-guard write was then refused and the audit saw nothing but 503s).
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", data.toString()),
        "mounting a small tmpfs needs root; the disk-full test runs where it can make a real full disk");
    Path log = dir.resolve("gateway.log");
    try (FakeTicketWebhook webhook = new FakeTicketWebhook()) {
      Map<String, String> env = Map.of(
          "GATEWAY_DATA_DIR", data.toString(),
          "WECHAT_TOKEN", TestConfig.TOKEN,
          "GATEWAY_ADMIN_TOKEN", TestConfig.ADMIN_TOKEN,
          "TICKET_SINK", "webhook",
          "TICKET_WEBHOOK_URL", webhook.url(),
          "TICKET_WEBHOOK_SECRET", "webhook-secret-0123456789",
          "OUTBOX_RELAY_INTERVAL_MS", "200",
          "OUTBOX_BASE_DELAY_MS", "200",
          "OUTBOX_MAX_DELAY_MS", "2000");
      long filled;
      int ackedBeforeFull;
      int ackedWhileFull;
      int healthWhileFull;
      try (GatewayProcess gateway = GatewayProcess.start(env, log)) {
        WeChatLine line = new WeChatLine(gateway.port(), TestConfig.TOKEN);
        IntakeTraffic traffic = new IntakeTraffic(() -> line, "diskfull");
        traffic.start(HOMEOWNERS);
        Thread.sleep(3000);
        long warm = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (traffic.acked.size() < 4 * HOMEOWNERS && System.nanoTime() < warm) {
          Thread.sleep(100);
        }
        Path filler = data.resolve("filler");
        filled = fill(filler);
        ackedBeforeFull = traffic.acked.size();
        Thread.sleep(10_000);
        ackedWhileFull = traffic.acked.size() - ackedBeforeFull;
        healthWhileFull = line.adminGet("/health", TestConfig.ADMIN_TOKEN, Duration.ofSeconds(5));
        assertTrue(gateway.isAlive(), "the gateway is still running with its disk full");
        Files.delete(filler);
        Thread.sleep(8000);
        traffic.stopStarting();
        assertTrue(traffic.awaitFinished(Duration.ofSeconds(30)), "a homeowner is still waiting for a reply");

        TrafficAudit audit = new TrafficAudit(line, traffic);
        List<String> forgotten = audit.forgottenReplies();
        List<String> emptyUnrecorded = audit.emptyAnswersUnrecorded();
        List<String> notStored = audit.ticketsNotStored();
        Set<String> missingAtSink = audit.missingAtSink(webhook, Duration.ofSeconds(20));
        Map<String, Set<String>> unnamedNotOnce = audit.unnamedNotOnce(webhook, Duration.ofSeconds(5));
        String gatewayLog = Files.readString(log);
        List<String> fullErrors = gatewayLog.lines().filter(l -> l.contains("the disk is full (SQLITE_FULL)")).toList();
        List<String> masked = gatewayLog.lines().filter(l -> l.contains("no transaction is active")
            && !l.contains("Suppressed")).toList();

        System.out.println("FIGURE disk-full homeowners=" + HOMEOWNERS + " fillerBytes=" + filled + " posts="
            + traffic.posts + " statuses=" + traffic.statuses + " acked=" + traffic.acked.size() + " (before full "
            + ackedBeforeFull + ", while full " + ackedWhileFull + ") apologies=" + traffic.apologies
            + " emptyAnswers=" + traffic.emptyAnswers.size() + " intakes=" + traffic.intakesDone + " tickets="
            + traffic.tickets.size() + " atSink=" + webhook.postsByTicket().size() + " forgotten=" + forgotten.size()
            + " healthWhileFull=" + healthWhileFull + " logLinesNamingTheFullDisk=" + fullErrors.size() + " blockedWarnings="
            + RedisOutageTest.blockedWarnings(gatewayLog));
        System.out.println("FIGURE disk-full log: " + fullErrors.stream().findFirst().orElse("(none)"));

        assertTrue(traffic.apologies.get() + traffic.statuses.getOrDefault(503, new java.util.concurrent.atomic.AtomicInteger()).get() > 0,
            "the full disk was felt: some messages were refused or apologised for");
        assertTrue(Set.of(200, 503, -1).containsAll(traffic.statuses.keySet()),
            "answers other than 200, 503 and none in 5 s (WeChat retries those): " + traffic.statuses);
        assertFalse(fullErrors.isEmpty(), "the log says the disk is full");
        assertEquals(List.of(), masked, "a failed rollback reported instead of the full disk");
        assertTrue(traffic.intakesDone.get() > HOMEOWNERS, "intakes went on after space was freed");
        assertEquals(List.of(), traffic.oddReplies, "replies out of the intake's course");
        assertEquals(List.of(), forgotten, "replies given but not on record");
        assertEquals(List.of(), emptyUnrecorded, "'success' answers for turns that were not stored");
        assertEquals(List.of(), notStored, "tickets named in a reply but not in the store");
        assertEquals(Set.of(), missingAtSink, "tickets that never reached the webhook");
        assertEquals(Map.of(), unnamedNotOnce, "intakes whose confirmation's reply was lost: one ticket each");
        assertEquals(Map.of(), TrafficAudit.filedTwice(webhook), "complaints filed as two tickets");
        assertFalse(gatewayLog.contains(RedisOutageTest.BLOCKING_CALL), () -> "blocked thread in the gateway log:\n"
            + RedisOutageTest.around(gatewayLog, RedisOutageTest.BLOCKING_CALL));
        assertEquals(0, gateway.terminate(), "clean stop");
      }
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
          Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
        assertTrue(r.next());
        assertEquals("ok", r.getString(1), "integrity_check after the full disk");
      }
    } finally {
      run("umount", "-l", data.toString());
    }
  }
}
