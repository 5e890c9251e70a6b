package com.furnishcare.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.furnishcare.intake.support.GatewayProcess;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM on the packaged jar ({@code java -jar target/intake-gateway.jar}, what users and the container
 * run), started in the project directory with an empty data directory. Runs in {@code mvn verify},
 * after {@code package} has built the jar.
 */
class ShutdownIT {

  private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/intake-gateway.jar"));
  private static final Path PROJECT = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  private static final int GRACE_S = 10;

  @TempDir
  Path dir;

  @Test
  void idleGatewayExitsWithZeroWithinTwoSecondsAndLogsNoErrors() throws Exception {
    Path log = dir.resolve("gateway.log");
    try (GatewayProcess gateway = GatewayProcess.fromJar(JAR, PROJECT, env(), log)) {
      // Idle, but not untouched: a client that has been served keeps its keep-alive connection open,
      // as a load balancer's pool does.
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> chat = client.send(chatRequest(gateway.port(), "你好"), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, chat.statusCode(), chat.body());

      long logBefore = Files.size(log);
      long signalled = System.nanoTime();
      gateway.signalTerm();
      Optional<Integer> exit = gateway.awaitExit(Duration.ofSeconds(30));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);

      String shutdownLog = tail(log, logBefore);
      assertTrue(exit.isPresent(), "still running 30 s after SIGTERM:\n" + shutdownLog);
      assertEquals(0, exit.get(), "exit code after SIGTERM:\n" + shutdownLog);
      assertTrue(ms < 2_000, "SIGTERM to exit took " + ms + " ms:\n" + shutdownLog);
      assertNoTrouble(shutdownLog);
      assertTrue(shutdownLog.contains("stopped in"), "the last line is written before exit:\n" + shutdownLog);
      System.out.println("idle: SIGTERM to exit " + ms + " ms");
    }
  }

  /**
   * A slow client (a phone on a bad network) has sent the headers and half the body of a chat message
   * when SIGTERM arrives. New connections are refused at once; the slow one still gets its full answer
   * when it finishes sending, 3 s later; then the process exits with 0.
   */
  @Test
  void requestInFlightGetsItsFullAnswerThenTheProcessExitsWithZero() throws Exception {
    Path log = dir.resolve("gateway.log");
    try (GatewayProcess gateway = GatewayProcess.fromJar(JAR, PROJECT, env(), log)) {
      byte[] body = new JsonObject().put("text", "你好").encode()
          .getBytes(StandardCharsets.UTF_8);
      byte[] head = ("POST /api/chat/messages HTTP/1.1\r\nHost: 127.0.0.1:" + gateway.port()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      int half = body.length / 2;
      try (Socket slow = new Socket()) {
        slow.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 2_000);
        slow.setSoTimeout(30_000);
        OutputStream out = slow.getOutputStream();
        out.write(head);
        out.write(body, 0, half);
        out.flush();
        Thread.sleep(500); // the gateway has read the headers: the request is in flight

        long logBefore = Files.size(log);
        long signalled = System.nanoTime();
        gateway.signalTerm();

        long refusedAfter = awaitRefused(gateway.port(), signalled);
        assertTrue(gateway.isAlive(), "exited while a request was in flight:\n" + tail(log, logBefore));

        Thread.sleep(Math.max(0, 3_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled)));
        out.write(body, half, body.length - half);
        out.flush();
        String response = readResponse(slow.getInputStream());
        long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);

        Optional<Integer> exit = gateway.awaitExit(Duration.ofSeconds(30));
        long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
        String shutdownLog = tail(log, logBefore);
        String report = "refused after " + refusedAfter + " ms, answered after " + answeredMs + " ms, exited after "
            + exitMs + " ms\n" + response + "\n" + shutdownLog;

        assertTrue(response.startsWith("HTTP/1.1 200"), report);
        JsonObject answer = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertTrue(answer.getString("conversationSecret", "").length() >= 22, "a new conversation: " + report);
        assertFalse(answer.getJsonArray("replies").isEmpty(), report);
        assertFalse(answer.getJsonArray("replies").getJsonObject(0).getString("text").isBlank(), report);

        assertTrue(exit.isPresent(), "still running 30 s after SIGTERM:\n" + report);
        assertEquals(0, exit.get(), "exit code after SIGTERM:\n" + report);
        assertTrue(exitMs <= (GRACE_S + 2) * 1_000L, report);
        assertTrue(exitMs - answeredMs < 2_000, "exit did not follow the last answer:\n" + report);
        assertNoTrouble(shutdownLog);
        System.out.println("in flight: " + report.lines().findFirst().orElse(""));
      }
    }
  }

  private Map<String, String> env() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    return Map.of("GATEWAY_DATA_DIR", data.toString(), "GATEWAY_SHUTDOWN_GRACE_S", Integer.toString(GRACE_S));
  }

  private static HttpRequest chatRequest(int port, String text) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat/messages"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            new JsonObject().put("text", text).encode()))
        .timeout(Duration.ofSeconds(20)).build();
  }

  /** Milliseconds after the signal at which a new connection was refused; fails if it is still accepted after 2 s. */
  private static long awaitRefused(int port, long signalled) throws InterruptedException {
    while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled) < 2_000) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
      } catch (ConnectException refused) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
      } catch (IOException other) {
        // a timeout is not a refusal; try again
      }
      Thread.sleep(50);
    }
    fail("new connections were still accepted 2 s after SIGTERM");
    return -1;
  }

  /** The whole response: head and a Content-Length body; the gateway closes the connection after it. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      bytes.write(buffer, 0, n);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertTrue(end > 0, "no complete response head: " + text);
    String length = Arrays.stream(text.substring(0, end).split("\r\n"))
        .filter(h -> h.toLowerCase().startsWith("content-length:")).map(h -> h.substring(15).strip())
        .findFirst().orElseThrow(() -> new AssertionError("no Content-Length: " + text));
    assertEquals(Integer.parseInt(length), bytes.size() - text.substring(0, end + 4).getBytes(StandardCharsets.UTF_8).length,
        "body cut short: " + text);
    return text;
  }

  private static String tail(Path log, long from) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
  }

  /** What an operator's log alert would fire on, from the signal to the exit. */
  private static void assertNoTrouble(String shutdownLog) {
    assertEquals(List.of(), GatewayProcess.troubleIn(shutdownLog), shutdownLog);
  }
}
