package com.furnishcare.intake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.AgentClient;
import com.furnishcare.intake.support.AgentClient.Account;
import com.furnishcare.intake.support.AgentClient.Answer;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.ChatSocketClient;
import com.furnishcare.intake.support.FakeTencentSms;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RedisServer;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A person takes over a conversation the bot handed on, on both stores: the queue shows it, one agent owns
 * it, the bot falls silent, the agent's words reach the homeowner under the agent's name, dealer staff of
 * another dealer see nothing of it, and after the hand-back the bot answers again.
 */
@ExtendWith(VertxExtension.class)
class AgentTakeoverTest {

  static final List<Account> ACCOUNTS = List.of(
      new Account("wang", "王客服", "agent", null, "wang-password-1"),
      new Account("li", "李客服", "agent", null, "li-password-22"),
      new Account("zhao", "赵主管", "supervisor", null, "zhao-password-3"),
      new Account("d0571", "西湖店小周", "dealer", "D0571", "dealer-password-4"),
      new Account("d9999", "别家店", "dealer", "D0210", "dealer-password-5"));

  private static RedisServer redis;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServer.shared();
  }

  private TestConfig config(String store) throws Exception {
    return TestConfig.onStore(store, dataDir, redis)
        .with("AGENTS_FILE", AgentClient.agentsFile(dataDir, ACCOUNTS).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "redis"})
  void anAgentTakesRepliesAndHandsBackAWebChat(String store, Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config(store));
      String asked = GatewayHarness.lastText(harness.chat(gateway, "home", "转人工"));
      assertTrue(asked.contains("人工"), asked);
      String conversation = "webchat:" + harness.conversationId("home");

      AgentClient wang = AgentClient.login(gateway.port(), "wang", "wang-password-1");
      AgentClient li = AgentClient.login(gateway.port(), "li", "li-password-22");
      JsonObject waiting = only(wang.get("/api/agent/queue"), conversation);
      assertEquals(null, waiting.getString("owner"));
      assertEquals("webchat", waiting.getString("channel"));

      // Both press 接入 at the same moment: one owns it, the other is told who does.
      CompletableFuture<Answer> a = CompletableFuture.supplyAsync(
          () -> wang.post(AgentClient.path(conversation, "take"), new JsonObject()));
      CompletableFuture<Answer> b = CompletableFuture.supplyAsync(
          () -> li.post(AgentClient.path(conversation, "take"), new JsonObject()));
      List<Answer> both = List.of(a.get(), b.get());
      assertEquals(1, both.stream().filter(x -> x.status() == 200).count(), both.toString());
      assertEquals(1, both.stream().filter(x -> x.status() == 409).count(), both.toString());
      AgentClient owner = a.get().status() == 200 ? wang : li;
      AgentClient other = owner == wang ? li : wang;
      String ownerName = owner == wang ? "王客服" : "李客服";
      assertEquals(ownerName, only(other.get("/api/agent/queue"), conversation).getString("ownerName"),
          "the others see who has it");

      // While a person owns it the bot says nothing; the message reaches the agent.
      JsonObject silent = harness.chat(gateway, "home", "你好，我家柜门掉了");
      assertEquals(0, silent.getJsonArray("replies").size(), silent.encode());
      JsonArray entries = owner.get(AgentClient.path(conversation, "")).body().getJsonArray("entries");
      assertTrue(entries.encode().contains("我家柜门掉了"), entries.encode());

      assertEquals(409, other.post(AgentClient.path(conversation, "reply"),
          new JsonObject().put("clientId", "x1").put("text", "我来")).status(), "only the owner replies");
      Answer replied = owner.post(AgentClient.path(conversation, "reply"),
          new JsonObject().put("clientId", "r1").put("text", "您好，我是客服，马上为您处理<script>x</script>"));
      assertEquals(200, replied.status(), replied.body().encode());
      assertEquals("stored", replied.body().getJsonObject("delivery").getString("status"),
          "no page open: kept for when the homeowner opens the chat");

      // The homeowner's page shows the agent's words under the agent's name.
      try (ChatSocketClient page = new ChatSocketClient(vertx, gateway.port(), null)) {
        page.send(new JsonObject().put("type", "hello").put("conversationId", harness.conversationId("home"))
            .put("conversationSecret", harness.conversationSecret("home")).put("after", 0));
        JsonObject agentSaid = page.next(f -> "agent".equals(f.getString("author")));
        assertEquals("您好，我是客服，马上为您处理<script>x</script>", agentSaid.getString("text"));
        assertEquals(ownerName, agentSaid.getJsonObject("fields").getString("agentName"));
      }

      // No ticket yet: the agent files one from what is on screen; the homeowner is told its number.
      Answer filed = owner.post(AgentClient.path(conversation, "ticket"), new JsonObject()
          .put("category", "colour_difference").put("description", "柜门颜色和样板不一致"));
      assertEquals(200, filed.status(), filed.body().encode());
      String filedId = filed.body().getString("id");
      assertEquals("colour_difference", filed.body().getString("category"));
      JsonObject stored = harness.admin(gateway, "/api/tickets/" + filedId);
      assertEquals("柜门颜色和样板不一致", stored.getString("description"));
      assertTrue(owner.get(AgentClient.path(conversation, "")).body().getJsonArray("entries").encode().contains(filedId),
          "the homeowner is told the ticket number");

      Answer back = owner.post(AgentClient.path(conversation, "handback"), new JsonObject());
      assertEquals(200, back.status(), back.body().encode());
      assertFalse(owner.get("/api/agent/queue").body().encode().contains(conversation), "the case is closed");
      String botAgain = GatewayHarness.allText(harness.chat(gateway, "home", "柜子门缝多大算正常"));
      assertFalse(botAgain.isBlank(), "the bot answers again after the hand-back");
    }
  }

  @Test
  void dealerStaffSeeOnlyTheirDealersConversations(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config("embedded"));
      // An order of dealer D0571 (config/dealers.csv): the ticket and the case are routed there.
      // A complaint under way is filed when the homeowner asks for a person: the ticket carries the route.
      harness.chat(gateway, "d", "衣柜门板色差很明显，订单号DD2026110301，电话13800138000");
      String said = GatewayHarness.allText(harness.chat(gateway, "d", "转人工"));
      assertTrue(said.contains("工单"), said);
      String conversation = "webchat:" + harness.conversationId("d");
      AgentClient mine = AgentClient.login(gateway.port(), "d0571", "dealer-password-4");
      AgentClient theirs = AgentClient.login(gateway.port(), "d9999", "dealer-password-5");
      JsonObject seen = only(mine.get("/api/agent/queue"), conversation);
      assertEquals("D0571", seen.getString("dealer"));
      assertFalse(theirs.get("/api/agent/queue").body().encode().contains(conversation));
      assertEquals(404, theirs.get(AgentClient.path(conversation, "")).status(), "not even by id");
      assertEquals(404, theirs.post(AgentClient.path(conversation, "take"), new JsonObject()).status());
      assertEquals(200, mine.post(AgentClient.path(conversation, "take"), new JsonObject()).status());
      assertEquals(403, mine.post(AgentClient.path(conversation, "reassign"), new JsonObject().put("to", "wang"))
          .status(), "only supervisors reassign");
      AgentClient boss = AgentClient.login(gateway.port(), "zhao", "zhao-password-3");
      Answer moved = boss.post(AgentClient.path(conversation, "reassign"), new JsonObject().put("to", "wang"));
      assertEquals(200, moved.status(), moved.body().encode());
      assertEquals("wang", moved.body().getString("owner"));

      // The ticket filed with the hand-over, changed from the console: level and status, seen by the admin API.
      String ticketId = seen.getString("ticketId");
      Answer changed = boss.post(AgentClient.path(conversation, "ticket"), new JsonObject().put("ticketId", ticketId)
          .put("status", "in_progress").put("level", 3).put("note", "已安排师傅"));
      assertEquals(200, changed.status(), changed.body().encode());
      JsonObject stored = harness.admin(gateway, "/api/tickets/" + ticketId);
      assertEquals(3, stored.getInteger("level"));
      assertEquals("in_progress", stored.getString("status"));
      assertEquals(400, boss.post(AgentClient.path(conversation, "ticket"), new JsonObject().put("ticketId", ticketId)
          .put("level", 7)).status());
      assertEquals(404, theirs.post(AgentClient.path(conversation, "ticket"), new JsonObject()
          .put("ticketId", ticketId).put("status", "closed")).status(), "another dealer cannot touch it");
    }
  }

  @Test
  void aWeChatHomeownerGetsTheAgentsReplyAsACustomerServiceMessage(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config("embedded").api(harness.api));
      WeChatClient wechat = harness.wechat(gateway);
      wechat.post(WeChatClient.textXml("o-agent-1", "8800001", "转人工"), WeChatClient.Mode.AES);
      AgentClient wang = AgentClient.login(gateway.port(), "wang", "wang-password-1");
      String conversation = "wechat:o-agent-1";
      only(wang.get("/api/agent/queue"), conversation);
      assertEquals(200, wang.post(AgentClient.path(conversation, "take"), new JsonObject()).status());
      wechat.post(WeChatClient.textXml("o-agent-1", "8800002", "我家的门关不上"), WeChatClient.Mode.AES);
      JsonObject view = wang.get(AgentClient.path(conversation, "")).body();
      assertTrue(view.getJsonArray("entries").encode().contains("我家的门关不上"), view.encode());
      Answer replied = wang.post(AgentClient.path(conversation, "reply"),
          new JsonObject().put("clientId", "w1").put("text", "您好，请问是哪扇门？"));
      assertEquals("delivered", replied.body().getJsonObject("delivery").getString("status"), replied.body().encode());
      assertTrue(harness.api.sentTo("o-agent-1").stream().anyMatch(s -> s.content().equals("您好，请问是哪扇门？")),
          harness.api.sent().toString());
      assertEquals(List.of(), harness.api.problems());
      wechat.close();
    }
  }

  @Test
  void pastTheFortyEightHourWindowTheConsoleOffersATemplateMessageOrAnSmsLink(Vertx vertx) throws Exception {
    FakeTencentSms sms = Await.await(new FakeTencentSms("AKIDwindow0001", "window-secret-key-0001", "1400000009",
        "家居售后").approve("2000001", 2).approve("2000009", 1).start(vertx));
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      harness.api.ownsTemplate("TPL-AGENT-1");
      Gateway gateway = harness.start(config("embedded").api(harness.api).sms(sms)
          .with("WECHAT_STATUS_TEMPLATE_ID", "TPL-AGENT-1").with("SMS_STATUS_TEMPLATE_ID", "2000001")
          .with("SMS_REPLY_TOKEN", "reply-token-0123456789").with("SMS_CHAT_LINK_TEMPLATE_ID", "2000009"));
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-window-1";
      // A complaint with a phone number, then a person: the ticket carries the phone.
      String[] said = {"衣柜门板色差很明显，订单号DD2026110301，电话13800138000", "转人工"};
      for (int i = 0; i < said.length; i++) {
        wechat.post(WeChatClient.textXml(openId, "7710" + i, said[i]), WeChatClient.Mode.AES);
      }
      String conversation = "wechat:" + openId;
      AgentClient wang = AgentClient.login(gateway.port(), "wang", "wang-password-1");
      assertEquals(200, wang.post(AgentClient.path(conversation, "take"), new JsonObject()).status());
      // The homeowner last wrote 49 hours ago.
      Await.await(gateway.stores().agentQueue().mark(conversation, com.furnishcare.intake.core.AgentQueue.Mark.INBOUND,
          java.time.Instant.now().minus(java.time.Duration.ofHours(49))));
      int kefuBefore = harness.api.sentTo(openId).size();

      JsonObject refused = wang.post(AgentClient.path(conversation, "reply"),
          new JsonObject().put("clientId", "w1").put("text", "您好，师傅明天上门")).body().getJsonObject("delivery");
      assertEquals("outside_window", refused.getString("status"), refused.encode());
      assertEquals(List.of("template", "sms"), refused.getJsonArray("routes").getList());
      assertEquals(kefuBefore, harness.api.sentTo(openId).size(), "nothing sent WeChat would refuse");

      JsonObject byTemplate = wang.post(AgentClient.path(conversation, "reply"), new JsonObject().put("clientId", "w1")
          .put("text", "您好，师傅明天上门").put("route", "template")).body().getJsonObject("delivery");
      assertEquals("delivered", byTemplate.getString("status"), byTemplate.encode());
      assertTrue(harness.api.templates().stream().anyMatch(t -> t.openId().equals(openId)
          && t.content().contains("您好，师傅明天上门")), harness.api.templates().toString());

      JsonObject bySms = wang.post(AgentClient.path(conversation, "reply"), new JsonObject().put("clientId", "w2")
          .put("text", "也可以点短信里的链接和我聊").put("route", "sms")).body().getJsonObject("delivery");
      assertEquals("delivered", bySms.getString("status"), bySms.encode());
      FakeTencentSms.Sent link = sms.sent().get(sms.sent().size() - 1);
      assertEquals("2000009", link.templateId());
      assertEquals("+8613800138000", link.phone().startsWith("+") ? link.phone() : "+86" + link.phone());
      assertEquals(List.of(), sms.problems());
      assertEquals(List.of(), harness.api.problems());
      assertEquals(400, wang.post(AgentClient.path(conversation, "reply"), new JsonObject().put("clientId", "w3")
          .put("text", "x").put("route", "fax")).status());
      wechat.close();
    } finally {
      Await.await(sms.stop());
    }
  }

  @Test
  void nobodyWaitsUnseenOverdueIsFlaggedAndCountedAndAnAbsentOwnersChatGoesBackToTheQueue(Vertx vertx)
      throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config("embedded").with("AGENT_FIRST_RESPONSE_S", "1"));
      harness.chat(gateway, "late", "转人工");
      harness.chat(gateway, "kept", "转人工");
      String late = "webchat:" + harness.conversationId("late");
      String kept = "webchat:" + harness.conversationId("kept");
      AgentClient wang = AgentClient.login(gateway.port(), "wang", "wang-password-1");
      AgentClient li = AgentClient.login(gateway.port(), "li", "li-password-22");
      Thread.sleep(1300);
      JsonObject overdue = only(wang.get("/api/agent/queue"), late);
      assertTrue(overdue.getBoolean("overdue"), overdue.encode());

      // wang takes one and keeps his console open; li takes the other and closes his browser.
      assertEquals(200, wang.post(AgentClient.path(kept, "take"), new JsonObject()).status());
      assertEquals(200, li.post(AgentClient.path(late, "take"), new JsonObject()).status());
      try (ChatSocketClient console = new ChatSocketClient(vertx, gateway.port(), "/api/agent/socket",
          java.util.Map.of("Cookie", wang.cookie()))) {
        Thread.sleep(1000);
        console.send(new JsonObject().put("type", "ping"));
        console.next(f -> "pong".equals(f.getString("type")));
        int back = Await.await(gateway.agentDesk().requeueStranded(java.time.Duration.ofMillis(500)));
        assertEquals(1, back, "only the chat of the agent whose console is gone");
      }
      assertEquals(null, only(wang.get("/api/agent/queue"), late).getString("owner"), "waiting again");
      assertEquals("wang", only(wang.get("/api/agent/queue"), kept).getString("owner"));
      String metrics = harness.get(gateway, "/metrics", null).bodyAsString();
      assertTrue(metrics.contains("gateway_agent_queue_overdue 2.0"), metrics.lines()
          .filter(l -> l.contains("agent")).toList().toString());

      // Every action is in the audit log with who did it; supervisors read it.
      AgentClient boss = AgentClient.login(gateway.port(), "zhao", "zhao-password-3");
      String audit = boss.get("/api/agent/audit?limit=50").body().encode();
      assertTrue(audit.contains("\"actor\":\"wang\",\"action\":\"take\"") && audit.contains("\"action\":\"requeue\""),
          audit);
      assertEquals(403, wang.get("/api/agent/audit").status());
    }
  }

  @Test
  void aConsoleSocketNeedsALiveSessionAndClosesWhenItEnds(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(config("embedded"));
      AgentClient wang = AgentClient.login(gateway.port(), "wang", "wang-password-1");
      try (ChatSocketClient console = new ChatSocketClient(vertx, gateway.port(), "/api/agent/socket",
          java.util.Map.of("Cookie", wang.cookie()))) {
        console.send(new JsonObject().put("type", "ping"));
        console.next(f -> "pong".equals(f.getString("type")));
        int out = wang.post("/agent/logout", new JsonObject()).status();
        assertTrue(out == 303 || out == 200, "logout answered " + out);
        console.send(new JsonObject().put("type", "ping"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (console.closedWith() == null && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(Short.valueOf((short) 4401), console.closedWith(), "signed out: the socket ends too");
      }
      assertThrows(RuntimeException.class, () -> new ChatSocketClient(vertx, gateway.port(), "/api/agent/socket",
          java.util.Map.of("Cookie", wang.cookie())), "no socket for an ended session");
    }
  }

  private static JsonObject only(Answer queue, String conversation) {
    assertEquals(200, queue.status(), queue.body().encode());
    JsonArray cases = queue.body().getJsonArray("cases");
    return cases.stream().map(JsonObject.class::cast).filter(c -> conversation.equals(c.getString("conversation")))
        .findFirst().orElseThrow(() -> new AssertionError(conversation + " not in the queue: " + cases.encode()));
  }
}
