package com.furnishcare.intake.web;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web chat's JSON API, {@code POST /api/chat/messages}. The gateway issues conversation identities:
 * a message without {@code conversationId} starts a conversation and the answer carries its new
 * {@code conversationId} and {@code conversationSecret}; every later message sends both (the secret in
 * the body or the {@code X-Conversation-Secret} header). An unknown id and a wrong or missing secret
 * get the same 404, so the answer does not tell whether an id exists. A repeated messageId gets the
 * recorded answer, like a WeChat retry. Options are the numbered choices a reply offers when it asks
 * for a number, or yes/no when it asks for "是"/"确认", so a widget can show them as buttons.
 */
final class ChatRoutes {

  /** Relative to the chat sub-router, mounted at {@code /api/chat}. */
  static final String MESSAGES = "/messages";
  static final String PATH = "/api/chat" + MESSAGES;
  static final String SECRET_HEADER = "X-Conversation-Secret";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  /** "1. 投诉" — a numbered choice; a line may hold several, separated by two or more spaces. */
  private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,2})[.、]\\s*(\\S.*)$");
  private static final Pattern CHOICE_SEPARATOR = Pattern.compile("\\n|\\s{2,}");
  static final int MAX_TEXT = 2000;
  static final int BODY_LIMIT = 16 * 1024;

  private final TurnProcessor turns;
  private final Clock clock;
  private final ChatConversations conversations;
  private final ChatCredentials credentials;
  private final ClientAddress clients;
  private final RateLimiter perConversation;
  private final RateLimiter newPerAddress;
  private final Duration firstTurnLifetime;
  private final Duration sessionIdle;

  ChatRoutes(TurnProcessor turns, Clock clock, ChatConversations conversations, ChatCredentials credentials,
      ClientAddress clients, RateLimiter perConversation, RateLimiter newPerAddress, Duration firstTurnLifetime, Duration sessionIdle) {
    this.turns = turns;
    this.clock = clock;
    this.conversations = conversations;
    this.credentials = credentials;
    this.clients = clients;
    this.perConversation = perConversation;
    this.newPerAddress = newPerAddress;
    this.firstTurnLifetime = firstTurnLifetime;
    this.sessionIdle = sessionIdle;
  }

  /** Mounts the message route after {@code before} (rate limit, content type, body reading). */
  void mount(Router chat, List<io.vertx.core.Handler<RoutingContext>> before) {
    var route = chat.post(MESSAGES);
    before.forEach(route::handler);
    route.handler(this::message);
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
    if (!(rawText instanceof String text) || text.isBlank() || text.length() > MAX_TEXT) {
      Responses.error(ctx, 400, "text must be a non-empty string of at most " + MAX_TEXT + " characters");
      return;
    }
    if (rawMessageId != null && !(rawMessageId instanceof String m && ID.matcher(m).matches())) {
      Responses.error(ctx, 400, "messageId, when given, must be 1-64 letters, digits, '-' or '_'");
      return;
    }
    String messageId = rawMessageId == null ? UUID.randomUUID().toString() : (String) rawMessageId;
    if (rawId == null) {
      start(ctx, text, messageId);
      return;
    }
    if (!(rawId instanceof String conversationId) || !ID.matcher(conversationId).matches()) {
      Responses.error(ctx, 400, "conversationId, when given, must be the one the gateway issued");
      return;
    }
    Optional<String> secret = secret(ctx, body);
    if (secret.isEmpty()) {
      notFound(ctx);
      return;
    }
    conversations.verify(conversationId, ChatCredentials.hash(secret.get()), sessionIdle).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "temporarily unavailable; please retry");
      } else if (!ar.result()) {
        notFound(ctx);
      } else {
        Optional<Duration> wait = perConversation.take(conversationId);
        if (wait.isPresent()) {
          Responses.tooManyRequests(ctx, wait.get());
        } else {
          turn(ctx, conversationId, Optional.empty(), text, messageId);
        }
      }
    });
  }

  /** A first message: a new identity, then the turn; the secret is given out once, in this answer. */
  private void start(RoutingContext ctx, String text, String messageId) {
    Optional<Duration> wait = newPerAddress.take(clients.of(ctx));
    if (wait.isPresent()) {
      Responses.tooManyRequests(ctx, wait.get());
      return;
    }
    String conversationId = credentials.newId();
    String secret = credentials.newSecret();
    conversations.register(conversationId, ChatCredentials.hash(secret), firstTurnLifetime).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "temporarily unavailable; please retry");
      } else {
        turn(ctx, conversationId, Optional.of(secret), text, messageId);
      }
    });
  }

  private void turn(RoutingContext ctx, String conversationId, Optional<String> newSecret, String text,
      String messageId) {
    InboundMessage message = new InboundMessage(new ConversationKey(ChannelName.WEBCHAT, conversationId),
        MessageKind.TEXT, text, Map.of(), clock.instant());
    turns.handle(message, "webchat:" + conversationId + ":" + messageId).onComplete(ar -> {
      JsonArray replies = new JsonArray();
      for (String reply : ar.succeeded() ? ar.result() : List.<String>of()) {
        replies.add(new JsonObject().put("text", reply).put("options", options(reply)));
      }
      JsonObject answer = new JsonObject().put("conversationId", conversationId);
      newSecret.ifPresent(s -> answer.put("conversationSecret", s));
      Responses.json(ctx, 200, answer.put("replies", replies));
    });
  }

  private static Optional<String> secret(RoutingContext ctx, JsonObject body) {
    Object inBody = body.getValue("conversationSecret");
    String value = inBody instanceof String s ? s : ctx.request().getHeader(SECRET_HEADER);
    return value != null && SECRET.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }

  private static void notFound(RoutingContext ctx) {
    Responses.error(ctx, 404, "no such conversation; start a new one by sending a message without conversationId");
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
