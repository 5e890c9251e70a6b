package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.AgentAccounts;
import com.furnishcare.intake.support.AgentConsoleClient;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.CapturingAppender;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The accounts file is read again when it changes; the change reaches live sessions at once. */
@ExtendWith(VertxExtension.class)
class AgentAccountsReloadTest {

  private static final String PASSWORD = AgentLoginTest.PASSWORD;
  private static final String HASH = AgentAccounts.argon2id(PASSWORD);

  @TempDir
  Path dir;

  @Test
  void addedRemovedAndChangedAccountsTakeEffectWithoutARestartAndABrokenEditKeepsThePrevious(Vertx vertx)
      throws Exception {
    Path file = dir.resolve("agents.yaml");
    new AgentAccounts().add("zhang.wei", "张伟", "supervisor", null, HASH)
        .add("wang.fang", "王芳", "agent", null, HASH).writeTo(file);
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir.resolve("data")).with("AGENTS_FILE", file.toString())
          .with("GATEWAY_DIALOG_RELOAD_MS", "100"));
      AgentConsoleClient zhang = new AgentConsoleClient(gateway.port());
      assertEquals(303, zhang.login("zhang.wei", PASSWORD).statusCode());
      AgentConsoleClient wang = new AgentConsoleClient(gateway.port());
      wang.login("wang.fang", PASSWORD);
      assertEquals("/agent/login?error=1", new AgentConsoleClient(gateway.port()).login("li.na", PASSWORD)
          .headers().firstValue("Location").orElse(""));

      // Added: li.na signs in. Changed: wang.fang is a supervisor on her next request, with the same session.
      new AgentAccounts().add("zhang.wei", "张伟", "supervisor", null, HASH)
          .add("wang.fang", "王芳", "supervisor", null, HASH)
          .add("li.na", "李娜", "dealer", "D0571", HASH).writeTo(file);
      Await.until("li.na added", () -> new AgentConsoleClient(gateway.port()).login("li.na", PASSWORD)
          .headers().firstValue("Location").orElse("").equals("/agent"));
      assertEquals("supervisor", wang.me().getString("role"));
      assertEquals(200, wang.get("/api/agent/audit").statusCode());

      // A broken edit (a dealer id the dealers file does not know) is reported with file:line; nothing changes.
      int logStart = CapturingAppender.size();
      AgentAccounts.write(file, new AgentAccounts().add("zhang.wei", "张伟", "supervisor", null, HASH).yaml()
          + "- username: x\n  displayName: X\n  role: dealer\n  dealer: D9999\n  passwordHash: \"" + HASH + "\"\n");
      Await.until("broken edit reported", () -> CapturingAppender.since(logStart).stream()
          .anyMatch(l -> l.text().contains("agents.yaml:8: dealer 'D9999' is not in the dealers file")));
      assertEquals("supervisor", wang.me().getString("role"), "the previous accounts stay in use");
      assertEquals(303, new AgentConsoleClient(gateway.port()).login("li.na", PASSWORD).statusCode());
      assertEquals("/agent", new AgentConsoleClient(gateway.port()).login("li.na", PASSWORD)
          .headers().firstValue("Location").orElse(""));

      // Removed: wang.fang's open session ends on its next request, and she cannot sign in again.
      new AgentAccounts().add("zhang.wei", "张伟", "supervisor", null, HASH).writeTo(file);
      Await.until("wang.fang removed", () -> wang.get("/api/agent/me").statusCode() == 401);
      assertEquals("/agent/login", wang.get("/agent/").headers().firstValue("Location").orElse(""));
      assertEquals("/agent/login?error=1", new AgentConsoleClient(gateway.port()).login("wang.fang", PASSWORD)
          .headers().firstValue("Location").orElse(""));
      assertEquals("zhang.wei", zhang.me().getString("username"), "the others are untouched");
    }
  }

  @Test
  void aBrokenAccountsFileStopsStartUpWithFileAndLine(Vertx vertx) throws Exception {
    Path file = Files.writeString(dir.resolve("agents.yaml"),
        "- username: a\n  displayName: A\n  role: agent\n  passwordHash: plain-text-password\n");
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class,
          () -> harness.start(TestConfig.embedded(dir.resolve("data")).with("AGENTS_FILE", file.toString())));
      String message = String.valueOf(failure.getMessage()) + " " + String.valueOf(failure.getCause());
      assertTrue(message.contains("agents.yaml:4: passwordHash of 'a' is not an argon2id or bcrypt hash"), message);
    }
  }

  @Test
  void withoutAnAccountsFileEveryLoginFails(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      // The tests run in the repository, whose config/agents.yaml lists no accounts; AGENTS_FILE is unset.
      Gateway gateway = harness.start(TestConfig.embedded(dir.resolve("data")));
      assertEquals("/agent/login?error=1", new AgentConsoleClient(gateway.port()).login("zhang.wei", PASSWORD)
          .headers().firstValue("Location").orElse(""));
    }
  }
}
