package com.furnishcare.intake.web;

import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.turn.TurnAnswer;
import com.furnishcare.intake.chat.ChatService;
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
import java.util.regex.Pattern;

/**
 * The web chat's JSON API, {@code POST /api/chat/messages}. The gateway issues conversation identities:
 * a message without {@code conversationId} starts a conversation and the answer carries its new
 * {@code conversationId} and {@code conversationSecret}; every later message sends both (the secret in
 * the body or the {@code X-Conversation-Secret} header). An unknown id and a wrong or missing secret
 * get the same 404, so the answer does not tell whether an id exists. A repeated messageId gets the
 * recorded answer, like a WeChat retry. Replies go out as the engine made them (kind, text, options with
 * id and label, fields; see {@link ChatReplies}); a pressed button comes back as {@code "option": id},
 * with or without text, and reaches the engine as the message's {@code option} attribute.
 */
final class ChatRoutes {

  /** Relative to the chat sub-router, mounted at {@code /api/chat}. */
  static final String MESSAGES = "/messages";
  static final String PATH = "/api/chat" + MESSAGES;
  static final String SECRET_HEADER = "X-Conversation-Secret";
  /** A conversation id or a message's id, as the gateway and pages make them; shared by every chat route. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  /** A conversation secret as issued (URL-safe base64). */
  static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  /** An option id as the engine gives them ("complaint", "faq:radiator-leak"); anything else is refused. */
  static final Pattern OPTION = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  static final int MAX_TEXT = 2000;
  static final int BODY_LIMIT = 16 * 1024;

  private final ChatService chat;
  private final Clock clock;
  private final ChatConversations conversations;
  private final ChatCredentials credentials;
  private final ClientAddress clients;
  private final RateLimiter perConversation;
  private final RateLimiter newPerAddress;
  private final Duration firstTurnLifetime;
  private final Duration sessionIdle;

  ChatRoutes(ChatService chat, Clock clock, ChatConversations conversations, ChatCredentials credentials,
      ClientAddress clients, RateLimiter perConversation, RateLimiter newPerAddress, Duration firstTurnLifetime, Duration sessionIdle) {
    this.chat = chat;
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
    Object rawOption = body.getValue("option");
    Object rawMessageId = body.getValue("messageId");
    Optional<String> refused = ChatMessageInput.refusal(rawText, rawOption);
    if (refused.isPresent()) {
      Responses.error(ctx, 400, refused.get());
      return;
    }
    // A button press may come without text; the engine reads the pressed option from the attribute.
    String text = rawText == null ? "" : (String) rawText;
    Map<String, String> attributes = ChatMessageInput.attributes(rawOption);
    if (rawMessageId != null && !(rawMessageId instanceof String m && ID.matcher(m).matches())) {
      Responses.error(ctx, 400, "messageId, when given, must be 1-64 letters, digits, '-' or '_'");
      return;
    }
    String messageId = rawMessageId == null ? UUID.randomUUID().toString() : (String) rawMessageId;
    if (rawId == null) {
      start(ctx, text, attributes, messageId);
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
          turn(ctx, conversationId, Optional.empty(), text, attributes, messageId);
        }
      }
    });
  }

  /** A first message: a new identity, then the turn; the secret is given out once, in this answer. */
  private void start(RoutingContext ctx, String text, Map<String, String> attributes, String messageId) {
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
        turn(ctx, conversationId, Optional.of(secret), text, attributes, messageId);
      }
    });
  }

  private void turn(RoutingContext ctx, String conversationId, Optional<String> newSecret, String text,
      Map<String, String> attributes, String messageId) {
    chat.send(conversationId, messageId, text, attributes).onComplete(ar -> {
      JsonArray replies = ChatReplies.json((ar.succeeded() ? ar.result() : TurnAnswer.none()).replies());
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
}
