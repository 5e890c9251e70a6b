package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.GatewayHarness.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Reply.Kind;
import com.furnishcare.intake.core.Reply.Option;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.Turn;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies reach each channel from the engine's data: the web chat gets kind, text, options (id and label)
 * and fields, WeChat the same reply as numbered text, and a pressed button comes back as an option id.
 * The conversation is a stub that answers with fixed replies, so these tests do not depend on which
 * replies the shipped dialogs make choices.
 */
@ExtendWith(VertxExtension.class)
class ChatRepliesApiTest {

  private static final Reply MENU = Reply.choices("请选择：",
      List.of(new Option("complaint", "投诉"), new Option("progress", "查询进度")));
  private static final Reply CONFIRM = new Reply(Kind.CONFIRM, "确认提交吗？",
      List.of(new Option("yes", "是"), new Option("no", "否")), Map.of());
  private static final Reply TICKET = new Reply(Kind.TICKET, "已登记。", List.of(),
      Map.of("ticketId", "TK231114-ABCDE", "level", "1"));
  private static final String LONG = "柜体缝隙应不大于3毫米。".repeat(400); // ~ 14 KB: over the web chat's 8 KB

  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Gateway gateway;
  /** Every message the stub conversation was given, in order. */
  private final List<InboundMessage> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    Conversation stub = (session, message, context) -> {
      heard.add(message);
      List<Reply> replies = switch (message.text()) {
        case "提交" -> List.of(CONFIRM);
        case "是" -> List.of(TICKET);
        case "长" -> List.of(Reply.choices(LONG, MENU.options()));
        default -> List.of(MENU);
      };
      return new Turn(session.with("seen", Integer.toString(heard.size()), context.now()), replies);
    };
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir), Gateway.Parts.withConversation(stub));
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void theWebChatAnswerCarriesKindOptionsAndFieldsFromTheReplyNotFromItsText() {
    JsonArray menu = harness.chat(gateway, "web-data", "你好").getJsonArray("replies");
    assertEquals(new JsonArray().add(new JsonObject()
        .put("kind", "choices")
        .put("text", "请选择：")
        .put("options", new JsonArray()
            .add(new JsonObject().put("id", "complaint").put("label", "投诉"))
            .add(new JsonObject().put("id", "progress").put("label", "查询进度")))
        .put("fields", new JsonObject())), menu);

    JsonObject confirm = harness.chat(gateway, "web-data", "提交").getJsonArray("replies").getJsonObject(0);
    assertEquals("confirm", confirm.getString("kind"));
    assertEquals(List.of("yes", "no"), ids(confirm));

    JsonObject ticket = harness.chat(gateway, "web-data", "是").getJsonArray("replies").getJsonObject(0);
    assertEquals("ticket", ticket.getString("kind"));
    assertEquals(new JsonObject().put("level", "1").put("ticketId", "TK231114-ABCDE"), ticket.getJsonObject("fields"));
    assertEquals(new JsonArray(), ticket.getJsonArray("options"));
  }

  @Test
  void weChatGetsTheSameReplyAsNumberedText() {
    WeChatClient wechat = harness.wechat(gateway);
    String passive = content(wechat.post(WeChatClient.textXml("o-data", "9101", "你好")).bodyAsString());
    assertEquals("请选择：\n1. 投诉\n2. 查询进度", passive);
    assertEquals(MENU.plainText(), passive);
    wechat.close();
  }

  @Test
  void aRetriedWebChatMessageGetsTheSameStructuredRepliesWithoutASecondTurn() {
    JsonObject body = new JsonObject().put("text", "提交").put("messageId", "m-retry");
    JsonArray first = harness.chat(gateway, "web-retry", body).getJsonArray("replies");
    JsonArray again = harness.chat(gateway, "web-retry", body).getJsonArray("replies");
    assertEquals(first, again);
    assertEquals("confirm", again.getJsonObject(0).getString("kind"));
    assertEquals(List.of("yes", "no"), ids(again.getJsonObject(0)));
    assertEquals(1, heard.size());
  }

  @Test
  void aPressedButtonReachesTheEngineAsTheOption() {
    harness.chat(gateway, "web-press", "你好");
    harness.chat(gateway, "web-press", new JsonObject().put("option", "complaint"));
    InboundMessage pressed = heard.get(heard.size() - 1);
    assertEquals("complaint", pressed.attribute(InboundMessage.OPTION));

    harness.chat(gateway, "web-press", new JsonObject().put("option", "progress").put("text", "查一下进度"));
    assertEquals("查一下进度", heard.get(heard.size() - 1).text(), "text sent with the option is kept");
    assertEquals("progress", heard.get(heard.size() - 1).attribute(InboundMessage.OPTION));

  }

  @Test
  void aLongReplyIsCutIntoPiecesAndOnlyTheLastOffersTheOptions() {
    JsonArray replies = harness.chat(gateway, "web-long", "长").getJsonArray("replies");
    assertTrue(replies.size() >= 2, replies.encode());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < replies.size(); i++) {
      JsonObject piece = replies.getJsonObject(i);
      boolean last = i == replies.size() - 1;
      assertEquals(last ? "choices" : "text", piece.getString("kind"));
      assertEquals(last ? List.of("complaint", "progress") : List.of(), ids(piece));
      text.append(piece.getString("text"));
    }
    assertEquals(LONG, text.toString());
  }

  @Test
  void badOptionsAndMessagesWithoutTextOrOptionAreRefusedWithAClearError(Vertx vertx) {
    WebClient http = WebClient.create(vertx);
    for (Object option : List.of("a b", "x".repeat(65), "投诉", 7, "")) {
      HttpResponse<Buffer> refused = await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
          .sendJsonObject(new JsonObject().put("option", option)));
      assertEquals(400, refused.statusCode(), String.valueOf(option));
      assertTrue(refused.bodyAsJsonObject().getString("error").startsWith("option,"), refused.bodyAsString());
    }
    HttpResponse<Buffer> empty = await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
        .sendJsonObject(new JsonObject().put("messageId", "m-1")));
    assertEquals(400, empty.statusCode());
    assertTrue(empty.bodyAsJsonObject().getString("error").contains("option"), empty.bodyAsString());
    assertEquals(200, await(http.post(gateway.port(), "127.0.0.1", ChatRoutes.PATH)
        .sendJsonObject(new JsonObject().put("option", "faq:radiator-leak.v2"))).statusCode());
    assertTrue(heard.size() == 1, "only the valid request became a turn");
    http.close();
  }

  private static List<String> ids(JsonObject reply) {
    return reply.getJsonArray("options").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
