package com.furnishcare.intake.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.CapturingAppender;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/faq/search, questions in the web chat, and knowledge-base edits picked up by a running gateway. */
@ExtendWith(VertxExtension.class)
class FaqApiTest {

  @TempDir
  Path dir;

  private static String search(String q) {
    return "/api/faq/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
  }

  @Test
  void searchReturnsHitsAndTheDecisionForStaffOnly(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir));
      assertEquals(401, harness.get(gateway, search("配件多久能到"), null).statusCode());

      JsonObject answer = harness.admin(gateway, search("配件多久能到？") + "&limit=3");
      assertEquals("answer", answer.getString("decision"));
      JsonArray hits = answer.getJsonArray("hits");
      assertTrue(hits.size() >= 1 && hits.size() <= 3, hits.encode());
      JsonObject top = hits.getJsonObject(0);
      assertEquals("spare-parts-48h", top.getString("id"));
      assertEquals("配件多久能到？", top.getString("question"));
      assertTrue(top.getDouble("score") > 0 && top.getDouble("confidence") > 0, top.encode());

      assertEquals("spare-parts-48h", harness.admin(gateway, search("配件多久能到"))
          .getJsonArray("hits").getJsonObject(0).getString("id"), "traditional and simplified alike");
      JsonObject choices = harness.admin(gateway, search("暖氣"));
      assertEquals("choices", choices.getString("decision"));
      assertTrue(choices.getJsonArray("hits").size() >= 2);
      assertEquals("none", harness.admin(gateway, search("你们卖沙发吗")).getString("decision"));
    }
  }

  @Test
  void badParametersAreRefusedWithAReason(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir));
      HttpResponse<Buffer> missing = harness.get(gateway, "/api/faq/search", TestConfig.ADMIN_TOKEN);
      assertEquals(400, missing.statusCode());
      assertTrue(missing.bodyAsString().contains("q is required"), missing.bodyAsString());
      HttpResponse<Buffer> limit = harness.get(gateway, search("保修") + "&limit=0", TestConfig.ADMIN_TOKEN);
      assertEquals(400, limit.statusCode());
      assertTrue(limit.bodyAsString().contains("limit"), limit.bodyAsString());
      assertEquals(400, harness.get(gateway, search("保修") + "&limit=abc", TestConfig.ADMIN_TOKEN).statusCode());
      assertEquals(400, harness.get(gateway, search("a".repeat(501)), TestConfig.ADMIN_TOKEN).statusCode());
    }
  }

  @Test
  void aQuestionInTheMiddleOfAWebChatIntakeIsAnsweredAndTheIntakeResumes(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir));
      String first = GatewayHarness.allText(harness.chat(gateway, "faq-web", "衣柜门板色差很明显"));
      assertTrue(first.contains("订单号"), first);
      String answered = GatewayHarness.allText(harness.chat(gateway, "faq-web", "延期交货有补偿吗？"));
      assertTrue(answered.contains("代金券") && answered.contains("回到刚才的问题：") && answered.contains("订单号"),
          answered);
    }
  }

  @Test
  void aWeChatQuestionInTraditionalScriptIsAnsweredInThePassiveReply(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir));
      WeChatClient wechat = harness.wechat(gateway);
      String envelope = wechat.post(WeChatClient.textXml("o-faq-wechat", "880001", "暖氣片漏水怎麼辦？"),
          WeChatClient.Mode.AES).bodyAsString();
      String reply = GatewayHarness.content(wechat.decryptReply(envelope, GatewayHarness.fields(envelope)));
      assertTrue(reply.contains("关闭暖气片进水、回水两个阀门") && reply.contains("需要登记投诉吗"), reply);
    }
  }

  @Test
  void numberedStepsOfAnAnswerAreNotOfferedAsButtonsButTheQuestionsToChooseFromAre(Vertx vertx) {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir));
      JsonObject answer = harness.chat(gateway, "faq-buttons", "暖气片漏水怎么办？");
      JsonObject reply = answer.getJsonArray("replies").getJsonObject(0);
      assertTrue(reply.getString("text").contains("1. 关闭暖气片进水"), reply.encode());
      reply.getJsonArray("options").forEach(o -> assertFalse(((JsonObject) o).getString("label").contains("阀门"),
          "an answer's steps are not buttons: " + reply.encode()));
      String choices = GatewayHarness.shown(
          harness.chat(gateway, "faq-buttons-2", "暖气").getJsonArray("replies").getJsonObject(0));
      assertTrue(choices.split("暖气").length > 2, "several radiator questions offered: " + choices);
    }
  }

  @Test
  void editsToTheKnowledgeBaseArePickedUpWithoutRestartAndBrokenEditsKeepTheLastGoodVersion(Vertx vertx)
      throws Exception {
    Path kb = shippedKnowledgeBaseCopy();
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir.resolve("data")).with("FAQ_DIR", kb.toString())
          .with("GATEWAY_DIALOG_RELOAD_MS", "100"));
      String question = "阳台柜能装洗衣机吗？";
      assertTrue(!"balcony-washer".equals(topId(harness, gateway, question)));

      Files.writeString(kb.resolve("balcony-washer.md"), "---\nid: balcony-washer\nquestion: " + question
          + "\nphrasings:\n  - 阳台柜放洗衣机\n  - 洗衣机柜尺寸\ntags: [阳台柜, 洗衣机]\n---\n"
          + "可以。阳台柜需要预留洗衣机位，宽、深、高各留出 2～3 厘米余量，并做好防水和排水。\n");
      Await.until("new entry searchable", () -> "balcony-washer".equals(topId(harness, gateway, question)));

      int logStart = CapturingAppender.size();
      Files.writeString(kb.resolve("broken.md"), "---\nid: broken\nquestoin: 拼错了\n---\n答案\n");
      Await.until("broken edit reported", () -> CapturingAppender.since(logStart).stream()
          .anyMatch(l -> l.text().contains("broken.md:3: unknown key 'questoin'")));
      assertEquals("balcony-washer", topId(harness, gateway, question), "the last good version stays in use");
    }
  }

  @Test
  void aQuestionAskedAgainAfterItsAnswerWasEditedGetsTheEditedAnswer(Vertx vertx) throws Exception {
    Path kb = shippedKnowledgeBaseCopy();
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dir.resolve("data")).with("FAQ_DIR", kb.toString())
          .with("GATEWAY_DIALOG_RELOAD_MS", "100"));
      WeChatClient wechat = harness.wechat(gateway);
      String question = "配件多久能到？";
      // Asked twice: the second answer comes from the index's cache of answered questions.
      for (int i = 0; i < 2; i++) {
        String reply = GatewayHarness.content(wechat.post(
            WeChatClient.textXml("o-faq-cached-" + i, "88100" + i, question), WeChatClient.Mode.PLAIN).bodyAsString());
        assertTrue(reply.contains("48 小时内送达"), reply);
      }

      Path entry = kb.resolve("spare-parts-48h.md");
      Files.writeString(entry, Files.readString(entry).replace("48 小时内送达", "24 小时内送达"));
      Await.until("edited answer served for the same question", () -> GatewayHarness.content(wechat.post(
              WeChatClient.textXml("o-faq-cached-" + System.nanoTime(), Long.toString(System.nanoTime()), question),
              WeChatClient.Mode.PLAIN).bodyAsString()).contains("24 小时内送达"));
      String again = GatewayHarness.content(wechat.post(WeChatClient.textXml("o-faq-cached-9", "881009", question),
          WeChatClient.Mode.PLAIN).bodyAsString());
      assertTrue(again.contains("24 小时内送达") && !again.contains("48 小时内送达"), again);
    }
  }

  @Test
  void anInvalidKnowledgeBaseStopsStartUpWithFileAndLine(Vertx vertx) throws Exception {
    Path kb = dir.resolve("kb-broken");
    Files.createDirectories(kb);
    Files.writeString(kb.resolve("leak.md"), "---\nid: leak\nquestion: 漏水怎么办？\ncategory: leaks\n---\n关阀门。\n");
    Throwable failure = Await.failure(Gateway.start(vertx, TestConfig.embedded(dir.resolve("data"))
        .with("FAQ_DIR", kb.toString()).build()));
    assertTrue(failure.getMessage().contains("knowledge base not valid: leak.md:4: unknown complaint category 'leaks'"),
        failure.getMessage());
  }

  /** A copy of the shipped knowledge base the test may edit. */
  private Path shippedKnowledgeBaseCopy() throws Exception {
    Path kb = dir.resolve("kb");
    Files.createDirectories(kb);
    try (Stream<Path> files = Files.list(Path.of("knowledge-base"))) {
      for (Path p : files.toList()) {
        Files.copy(p, kb.resolve(p.getFileName()));
      }
    }
    return kb;
  }

  private static String topId(GatewayHarness harness, Gateway gateway, String q) {
    JsonArray hits = harness.admin(gateway, search(q)).getJsonArray("hits");
    return hits.isEmpty() ? "" : hits.getJsonObject(0).getString("id");
  }
}
