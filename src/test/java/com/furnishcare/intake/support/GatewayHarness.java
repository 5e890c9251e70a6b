package com.furnishcare.intake.support;

import static com.furnishcare.intake.support.Await.await;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.channel.wechat.SafeXmlReader;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.Session;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A started gateway plus the fake WeChat API it talks to, and the calls tests make against them. */
public final class GatewayHarness implements AutoCloseable {

  private final Vertx vertx;
  private final List<Gateway> gateways = new ArrayList<>();
  private final WebClient http;
  public final FakeWeChatApi api;
  /** Web-chat conversations by the tests' names for them: the issued id and secret. */
  private final Map<String, JsonObject> conversations = new java.util.concurrent.ConcurrentHashMap<>();

  public GatewayHarness(Vertx vertx) {
    this.vertx = vertx;
    this.http = WebClient.create(vertx);
    this.api = await(new FakeWeChatApi(TestConfig.APP_ID, TestConfig.SECRET).start(vertx));
  }

  public Gateway start(TestConfig config) {
    return start(config, Gateway.Parts.standard());
  }

  public Gateway start(TestConfig config, Gateway.Parts parts) {
    Gateway gateway = await(Gateway.start(vertx, config.build(), parts));
    gateways.add(gateway);
    return gateway;
  }

  public void stop(Gateway gateway) {
    gateways.remove(gateway);
    await(gateway.stop());
  }

  public WeChatClient wechat(Gateway gateway) {
    return new WeChatClient(vertx, gateway.port(), TestConfig.TOKEN, TestConfig.AES_KEY, TestConfig.APP_ID);
  }

  public HttpResponse<Buffer> get(Gateway gateway, String uri, String bearer) {
    var request = http.get(gateway.port(), "127.0.0.1", uri);
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    return await(request.send());
  }

  public JsonObject admin(Gateway gateway, String uri) {
    HttpResponse<Buffer> response = get(gateway, uri, TestConfig.ADMIN_TOKEN);
    if (response.statusCode() != 200) {
      throw new AssertionError(uri + " answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /**
   * One raw web-chat request through {@code POST /api/chat/messages}; fails the test unless it answers
   * 200. The body goes as it is: give it the issued conversationId and conversationSecret yourself.
   */
  public JsonObject chat(Gateway gateway, JsonObject body) {
    HttpResponse<Buffer> response = await(http.post(gateway.port(), "127.0.0.1", "/api/chat/messages")
        .sendJsonObject(body));
    if (response.statusCode() != 200) {
      throw new AssertionError("chat answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /**
   * One message of the conversation a test calls {@code name}: the first one starts a conversation and
   * the harness keeps the id and secret the gateway issued; later ones send them.
   */
  public JsonObject chat(Gateway gateway, String name, String text) {
    return chat(gateway, name, new JsonObject().put("text", text));
  }

  /** As {@link #chat(Gateway, String, String)} with a body of the test's own (e.g. with a messageId). */
  public JsonObject chat(Gateway gateway, String name, JsonObject body) {
    JsonObject credentials = conversations.get(name);
    JsonObject sent = body.copy();
    if (credentials != null) {
      sent.put("conversationId", credentials.getString("conversationId"))
          .put("conversationSecret", credentials.getString("conversationSecret"));
    }
    JsonObject answer = chat(gateway, sent);
    if (credentials == null) {
      conversations.put(name, new JsonObject().put("conversationId", answer.getString("conversationId"))
          .put("conversationSecret", answer.getString("conversationSecret")));
    }
    return answer;
  }

  /** The id the gateway issued to the conversation a test calls {@code name}. */
  public String conversationId(String name) {
    JsonObject credentials = conversations.get(name);
    if (credentials == null) {
      throw new AssertionError("no web-chat conversation called " + name + " was started");
    }
    return credentials.getString("conversationId");
  }

  /** The secret the gateway issued to the conversation a test calls {@code name}. */
  public String conversationSecret(String name) {
    conversationId(name);
    return conversations.get(name).getString("conversationSecret");
  }

  /** The text of the last reply of a chat answer. */
  public static String lastText(JsonObject chatAnswer) {
    JsonArray replies = chatAnswer.getJsonArray("replies");
    return replies.getJsonObject(replies.size() - 1).getString("text");
  }

  /** Every reply of a chat answer, one per line. */
  public static String allText(JsonObject chatAnswer) {
    StringBuilder all = new StringBuilder();
    chatAnswer.getJsonArray("replies").forEach(r -> all.append(((JsonObject) r).getString("text")).append('\n'));
    return all.toString();
  }

  /**
   * What a web-chat reply shows the homeowner: its text, then its options' labels, one per line. Menus
   * written into the text and menus given as options read the same, so a test of what is offered holds
   * however the engine hands it over.
   */
  public static String shown(JsonObject reply) {
    StringBuilder all = new StringBuilder(reply.getString("text"));
    reply.getJsonArray("options").forEach(o -> all.append('\n').append(((JsonObject) o).getString("label")));
    return all.toString();
  }

  /** Files a ticket through the web chat with {@link Intake#MESSAGES}; returns its number. */
  public String webChatTicket(Gateway gateway, String conversationId) {
    String last = "";
    for (String text : Intake.MESSAGES) {
      last = lastText(chat(gateway, conversationId, text));
    }
    return Intake.ticketId(last);
  }

  /** Files a ticket through /wechat (plaintext mode) with {@link Intake#MESSAGES}; returns its number. */
  public static String wechatTicket(WeChatClient wechat, String openId) {
    String last = "";
    for (int i = 0; i < Intake.MESSAGES.length; i++) {
      last = content(wechat.post(WeChatClient.textXml(openId, openId.hashCode() + "" + i, Intake.MESSAGES[i]))
          .bodyAsString());
    }
    return Intake.ticketId(last);
  }

  public Optional<Session> session(Gateway gateway, String openId) {
    return await(gateway.stores().sessions().load(new ConversationKey(ChannelName.WECHAT, openId)));
  }

  /** The text content of a plaintext passive reply. */
  public static String content(String replyXml) {
    return fields(replyXml).get("Content");
  }

  public static Map<String, String> fields(String xml) {
    try {
      return new SafeXmlReader().read(xml);
    } catch (SafeXmlReader.RejectedXml e) {
      throw new AssertionError("reply is not WeChat XML: " + xml, e);
    }
  }

  @Override
  public void close() {
    for (Gateway g : gateways) {
      await(g.stop());
    }
    http.close();
    await(api.stop());
  }
}
