package com.furnishcare.intake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.AgentClient;
import com.furnishcare.intake.support.ChatSocketClient;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one Redis: the agent's console is connected to one, the homeowner's page and messages to
 * the other. Each side sees the other live.
 */
@ExtendWith(VertxExtension.class)
class AgentTwoProcessTest {

  private static RedisServer redis;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  @Test
  void anAgentOnOneGatewayServesAHomeownerOnAnother(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Path agents = AgentClient.agentsFile(dataDir, AgentTakeoverTest.ACCOUNTS);
      Gateway agentSide = harness.start(TestConfig.onStore("redis", dataDir.resolve("a"), redis)
          .with("AGENTS_FILE", agents.toString()));
      Gateway homeSide = harness.start(TestConfig.onStore("redis", dataDir.resolve("b"), redis)
          .with("AGENTS_FILE", agents.toString()));
      harness.chat(homeSide, "h", "转人工");
      String id = harness.conversationId("h");
      String conversation = "webchat:" + id;

      AgentClient wang = AgentClient.login(agentSide.port(), "wang", "wang-password-1");
      assertEquals(200, wang.post(AgentClient.path(conversation, "take"), new JsonObject()).status());
      try (ChatSocketClient console = new ChatSocketClient(vertx, agentSide.port(), "/api/agent/socket",
              Map.of("Cookie", wang.cookie()));
          ChatSocketClient page = new ChatSocketClient(vertx, homeSide.port(), null)) {
        console.send(new JsonObject().put("type", "watch").put("conversation", conversation));
        page.send(new JsonObject().put("type", "hello").put("conversationId", id)
            .put("conversationSecret", harness.conversationSecret("h")).put("after", 0));
        page.next(f -> "welcome".equals(f.getString("type")));
        Thread.sleep(300); // the console's watch and the page's presence reach Redis

        page.send(new JsonObject().put("type", "send").put("clientId", "p1").put("text", "请问多久能上门？"));
        JsonObject heard = console.next(f -> "entry".equals(f.getString("type"))
            && "请问多久能上门？".equals(f.getJsonObject("entry").getString("text")));
        assertEquals("user", heard.getJsonObject("entry").getString("author"));

        AgentClient.Answer sent = wang.post(AgentClient.path(conversation, "reply"),
            new JsonObject().put("clientId", "a1").put("text", "明天上午师傅上门"));
        assertEquals("delivered", sent.body().getJsonObject("delivery").getString("status"),
            "the page is open on the other gateway: " + sent.body().encode());
        JsonObject shown = page.next(f -> "entry".equals(f.getString("type")) && "agent".equals(f.getString("author")));
        assertEquals("明天上午师傅上门", shown.getString("text"));
        assertTrue(console.next(f -> "entry".equals(f.getString("type"))
            && "agent".equals(f.getJsonObject("entry").getString("author"))) != null);
      }
    }
  }
}
