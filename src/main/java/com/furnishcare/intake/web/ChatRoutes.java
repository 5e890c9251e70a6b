package com.furnishcare.intake.web;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web chat's JSON API: {@code POST /api/chat/messages {"conversationId", "text", "messageId"?}} →
 * {@code {"conversationId", "replies": [{"text", "options": [...]}]}}. A repeated messageId gets the
 * recorded answer, like a WeChat retry. Options are the numbered choices a reply offers when it asks
 * for a number, or yes/no when it asks for "是"/"确认", so a widget can show them as buttons.
 */
final class ChatRoutes {

  static final String PATH = "/api/chat/messages";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** "1. 投诉" — a numbered choice; a line may hold several, separated by two or more spaces. */
  private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,2})[.、]\\s*(\\S.*)$");
  private static final Pattern CHOICE_SEPARATOR = Pattern.compile("\\n|\\s{2,}");
  private static final int MAX_TEXT = 2000;

  private final TurnProcessor turns;
  private final Clock clock;

  ChatRoutes(TurnProcessor turns, Clock clock) {
    this.turns = turns;
    this.clock = clock;
  }

  void mount(Router router) {
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(this::message);
  }

  private void message(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      Responses.error(ctx, 400, "body must be a JSON object");
      return;
    }
    Object rawId = body.getValue("conversationId");
    Object rawText = body.getValue("text");
    Object rawMessageId = body.getValue("messageId");
    if (!(rawId instanceof String conversationId) || !ID.matcher(conversationId).matches()) {
      Responses.error(ctx, 400, "conversationId must be 1-64 letters, digits, '-' or '_'");
      return;
    }
    if (!(rawText instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
      Responses.error(ctx, 400, "text must be a non-empty string of at most " + MAX_TEXT + " characters");
      return;
    }
    if (rawMessageId != null && !(rawMessageId instanceof String m && ID.matcher(m).matches())) {
      Responses.error(ctx, 400, "messageId, when given, must be 1-64 letters, digits, '-' or '_'");
      return;
    }
    String messageId = rawMessageId == null ? UUID.randomUUID().toString() : (String) rawMessageId;
    InboundMessage message = new InboundMessage(new ConversationKey(ChannelName.WEBCHAT, conversationId),
        MessageKind.TEXT, text, Map.of(), clock.instant());
    turns.handle(message, "webchat:" + conversationId + ":" + messageId).onComplete(ar -> {
      JsonArray replies = new JsonArray();
      for (String reply : ar.succeeded() ? ar.result() : List.<String>of()) {
        replies.add(new JsonObject().put("text", reply).put("options", options(reply)));
      }
      Responses.json(ctx, 200, new JsonObject().put("conversationId", conversationId).put("replies", replies));
    });
  }

  static JsonArray options(String reply) {
    JsonArray options = new JsonArray();
    // Numbered lines are choices only where the reply asks for a number; an answer's numbered steps
    // ("1. 关闭阀门") are not buttons.
    boolean asksForNumber = reply.contains("回复数字") || reply.contains("回复序号");
    for (String piece : asksForNumber ? CHOICE_SEPARATOR.split(reply) : new String[0]) {
      Matcher m = NUMBERED.matcher(piece.strip());
      if (m.matches()) {
        options.add(m.group(2).strip());
      }
    }
    if (options.isEmpty() && (reply.contains("回复“是”") || reply.contains("回复“确认”"))) {
      options.add(reply.contains("回复“确认”") ? "确认" : "是").add("否");
    }
    return options;
  }
}
