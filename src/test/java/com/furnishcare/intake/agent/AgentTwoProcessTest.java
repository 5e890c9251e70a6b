package com.furnishcare.intake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.furnishcare.intake.support.AgentClient;
import com.furnishcare.intake.support.ChatSocketClient;
import com.furnishcare.intake.support.GatewayProcess;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 point 6: two gateway processes on one Redis. The agent's console is connected to one, the
 * homeowner's page and messages to the other; each side sees the other live.
 */
@ExtendWith(VertxExtension.class)
class AgentTwoProcessTest {

  private static RedisServer redis;
  @TempDir
  Path dir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  private Map<String, String> env(String name, Path agents) {
    Map<String, String> env = new HashMap<>(TestConfig.onStore("redis", dir.resolve(name), redis).env());
    env.put("AGENTS_FILE", agents.toString());
    env.put("GATEWAY_LOG_LEVEL", "WARN");
    return env;
  }

  @Test
  void anAgentOnOneProcessServesAHomeownerOnAnother(Vertx vertx) throws Exception {
    Path agents = AgentClient.agentsFile(dir, AgentTakeoverTest.ACCOUNTS);
    try (GatewayProcess agentSide = GatewayProcess.start(env("a", agents), dir.resolve("a.log"));
        GatewayProcess homeSide = GatewayProcess.start(env("b", agents), dir.resolve("b.log"))) {
      JsonObject started = chat(homeSide.port(), new JsonObject().put("text", "转人工"));
      String id = started.getString("conversationId");
      String conversation = "webchat:" + id;

      AgentClient wang = AgentClient.login(agentSide.port(), "wang", "wang-password-1");
      assertEquals(200, wang.post(AgentClient.path(conversation, "take"), new JsonObject()).status());
      try (ChatSocketClient console = new ChatSocketClient(vertx, agentSide.port(), "/api/agent/socket",
              Map.of("Cookie", wang.cookie()));
          ChatSocketClient page = new ChatSocketClient(vertx, homeSide.port(), null)) {
        console.send(new JsonObject().put("type", "watch").put("conversation", conversation));
        page.send(new JsonObject().put("type", "hello").put("conversationId", id)
            .put("conversationSecret", started.getString("conversationSecret")).put("after", 0));
        page.next(f -> "welcome".equals(f.getString("type")));
        console.next(f -> "watching".equals(f.getString("type"))); // in place before the page speaks

        page.send(new JsonObject().put("type", "send").put("clientId", "p1").put("text", "请问多久能上门？"));
        JsonObject heard = console.next(f -> "entry".equals(f.getString("type"))
            && "请问多久能上门？".equals(f.getJsonObject("entry").getString("text")));
        assertEquals("user", heard.getJsonObject("entry").getString("author"));

        AgentClient.Answer sent = wang.post(AgentClient.path(conversation, "reply"),
            new JsonObject().put("clientId", "a1").put("text", "明天上午师傅上门"));
        assertEquals("delivered", sent.body().getJsonObject("delivery").getString("status"),
            "the page is open on the other process: " + sent.body().encode());
        JsonObject shown = page.next(f -> "entry".equals(f.getString("type")) && "agent".equals(f.getString("author")));
        assertEquals("明天上午师傅上门", shown.getString("text"));
        assertEquals("王客服", shown.getJsonObject("fields").getString("agentName"));
      }
    }
  }

  private static JsonObject chat(int port, JsonObject body) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/chat/messages")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
