package com.furnishcare.intake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.BuiltInDefaults;
import com.furnishcare.intake.config.DataSourceResolver;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check}: the verdict an operator gets before a deploy, and what it must never print. */
class CheckCommandTest {

  private static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";

  @TempDir Path workingDir;

  private CommandResult check(Map<String, String> env) {
    return new CheckCommand(env, new DataSourceResolver(workingDir, BuiltInDefaults::root), Duration.ofSeconds(5))
        .run();
  }

  @Test
  void aGoodConfigurationExitsZeroAndNeverPrintsASecret() {
    Map<String, String> secrets = Map.of(
        "WECHAT_TOKEN", "wechat-token-secret-1",
        "WECHAT_AES_KEY", AES_KEY,
        "WECHAT_SECRET", "wechat-app-secret-2",
        "GATEWAY_ADMIN_TOKEN", "admin-token-secret-3",
        "TENCENTCLOUD_SECRET_ID", "AKIDsecretid4",
        "TENCENTCLOUD_SECRET_KEY", "tencent-secret-key-5",
        "SMS_REPLY_TOKEN", "sms-reply-token-secret-6",
        "TICKET_WEBHOOK_SECRET", "webhook-secret-value-7");
    Map<String, String> env = new HashMap<>(secrets);
    env.putAll(Map.of("WECHAT_APP_ID", "wx5823bf96d3bd56c7", "SMS_PROVIDER", "tencent", "SMS_SDK_APP_ID", "1400000001",
        "SMS_SIGN_NAME", "家居售后", "SMS_STATUS_TEMPLATE_ID", "2000001", "TICKET_SINK", "webhook",
        "TICKET_WEBHOOK_URL", "https://hooks.example.com/tickets", "GATEWAY_HTTP_PORT", "9090"));

    CommandResult result = check(env);

    assertEquals(ExitCodes.OK, result.exitCode(), result.output());
    secrets.forEach((name, value) -> {
      assertFalse(result.output().contains(value), name + "'s value appears in:\n" + result.output());
      assertTrue(result.output().lines().anyMatch(l -> l.contains(name) && l.contains("******** (set)")),
          name + " is listed as set");
    });
    assertTrue(result.output().contains("GATEWAY_HTTP_PORT"), result.output());
    assertTrue(result.output().lines().anyMatch(l -> l.contains("GATEWAY_HTTP_PORT") && l.contains("9090")));
    assertTrue(result.output().contains("dialogs: built-in copy (set GATEWAY_DIALOGS_DIR to use your own)"));
    assertTrue(result.output().contains("OK    knowledge base"), result.output());
  }

  @Test
  void aBrokenAgentsFileExitsTwoNamingFileAndLine() throws Exception {
    Path agents = Files.writeString(workingDir.resolve("agents.yaml"),
        "- username: li.na\n  displayName: 李娜\n  role: dealer\n  dealer: D9999\n  passwordHash: x\n");
    CommandResult result = check(Map.of("AGENTS_FILE", agents.toString()));
    assertEquals(ExitCodes.CONFIGURATION, result.exitCode(), result.output());
    assertTrue(result.output().contains("FAIL  agent accounts: in " + agents + ": agents.yaml:4: dealer 'D9999' is not in"),
        result.output());
    Files.writeString(agents, "[]\n");
    CommandResult empty = check(Map.of("AGENTS_FILE", agents.toString()));
    assertTrue(empty.output().contains("OK    agent accounts: 0 accounts from " + agents), empty.output());
  }

  @Test
  void aBrokenAlertsFileExitsTwoNamingFileAndLine() throws Exception {
    Path alerts = Files.writeString(workingDir.resolve("alerts.yaml"),
        "robots:\n  dealers:\n    D9999: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh-123\nkinds: []\n");
    CommandResult result = check(Map.of("ALERTS_FILE", alerts.toString()));
    assertEquals(ExitCodes.CONFIGURATION, result.exitCode(), result.output());
    assertTrue(result.output().contains("FAIL  alerts: in " + alerts + ": alerts.yaml:3: dealer 'D9999' is not in"),
        result.output());
    assertTrue(!result.output().contains("abcdefgh-123"), "the robot key is a secret: " + result.output());
    Files.writeString(alerts, "kinds: []\n");
    CommandResult none = check(Map.of("ALERTS_FILE", alerts.toString()));
    assertTrue(none.output().contains("OK    alerts: 0 robots from " + alerts + " (no alerts are sent)"), none.output());
  }

  @Test
  void aBrokenDialogFileExitsTwoNamingFileAndLine() throws Exception {
    Path dialogs = copyOfShippedDialogs();
    List<String> lines = Files.readAllLines(dialogs.resolve("main-menu.yaml"));
    lines.set(4, "  - {broken: [unclosed");
    Files.write(dialogs.resolve("main-menu.yaml"), lines);

    CommandResult result = check(Map.of("GATEWAY_DIALOGS_DIR", dialogs.toString()));

    assertEquals(ExitCodes.CONFIGURATION, result.exitCode(), result.output());
    assertTrue(result.output().contains("FAIL  dialogs: in " + dialogs + "/: main-menu.yaml:5:"), result.output());
  }

  @Test
  void aMissingConfiguredFolderExitsTwoNamingTheVariable() {
    CommandResult result = check(Map.of("FAQ_DIR", workingDir.resolve("kb-typo").toString()));
    assertEquals(ExitCodes.CONFIGURATION, result.exitCode(), result.output());
    assertTrue(result.output().contains("FAIL  configuration: FAQ_DIR points to"), result.output());
  }

  @Test
  void anUnreachableRedisExitsThreeNamingRedisUrlWithoutItsPassword() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CommandResult result = check(Map.of("REDIS_URL", "redis://:redis-password-8@127.0.0.1:" + closedPort + "/0"));

    assertEquals(ExitCodes.UNREACHABLE, result.exitCode(), result.output());
    assertTrue(result.output().contains("FAIL  Redis (REDIS_URL)"), result.output());
    assertFalse(result.output().contains("redis-password-8"), result.output());
  }

  @Test
  void requestTrackerIsAskedWithTheConfiguredTokenAndARefusalNamesIt() throws Exception {
    HttpServer rt = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rt.createContext("/REST/2.0/queues/all", exchange -> {
      boolean ours = "token good-rt-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = (ours ? "{\"items\":[]}" : "{\"message\":\"Unauthorized\"}").getBytes();
      exchange.sendResponseHeaders(ours ? 200 : 401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    rt.start();
    try {
      String url = "http://127.0.0.1:" + rt.getAddress().getPort();
      CommandResult good = check(Map.of("TICKET_SINK", "rt", "RT_URL", url, "RT_TOKEN", "good-rt-token"));
      assertEquals(ExitCodes.OK, good.exitCode(), good.output());
      assertTrue(good.output().contains("OK    Request Tracker (RT_URL)"), good.output());

      CommandResult refused = check(Map.of("TICKET_SINK", "rt", "RT_URL", url, "RT_TOKEN", "stale-rt-token"));
      assertEquals(ExitCodes.CONFIGURATION, refused.exitCode(), refused.output());
      assertTrue(refused.output().contains("refused RT_TOKEN: HTTP 401"), refused.output());
      assertFalse(refused.output().contains("stale-rt-token"), refused.output());
    } finally {
      rt.stop(0);
    }
  }

  private Path copyOfShippedDialogs() throws Exception {
    Path copy = Files.createDirectories(workingDir.resolve("my-dialogs"));
    try (Stream<Path> files = Files.list(Path.of("dialogs"))) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName().toString()));
      }
    }
    return copy;
  }
}
