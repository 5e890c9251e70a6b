package com.furnishcare.intake.web;

import com.furnishcare.intake.chat.ChatService;
import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.core.ChatEntry;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open chat page's socket. The page says hello with the conversation it holds (id and secret, as the
 * gateway issued them) and the last entry number it has; the socket sends everything after that number,
 * then every new entry as it is written — read from the conversation's log in order, so after a reconnect
 * (to this process or another) the page gets exactly what it missed. A page without a conversation gets
 * one with its first message. Messages carry the page's own id: sent twice, they are one turn.
 *
 * <p>Frames are JSON. From the page: {@code hello {conversationId?, conversationSecret?, after}},
 * {@code send {clientId, text?, option?}}, {@code ping}. To the page: {@code welcome {conversationId?,
 * conversationSecret?}} (the secret only when the conversation is new), {@code entry {...}},
 * {@code error {message, retryAfterSeconds?}}, {@code pong}.
 */
final class ChatSocket {

  private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
  private static final Pattern ID = ChatRoutes.ID;
  private static final Pattern SECRET = ChatRoutes.SECRET;
  /** Entries sent per read of the log; a long history arrives in several reads, in order. */
  private static final int BATCH = 100;
  /** Close code for a conversation the page may not read (made up, lapsed, wrong secret). */
  static final short NO_SUCH_CONVERSATION = 4404;

  /** What every socket of a process shares. */
  record Shared(ChatService chat, ChatConversations conversations, ChatCredentials credentials, String address,
      RateLimiter perConversation, RateLimiter newPerAddress, Duration firstTurnLifetime, Duration sessionIdle) {}

  private final ServerWebSocket socket;
  private final Shared shared;
  private Optional<String> conversationId = Optional.empty();
  private ChatBus.Subscription subscription;
  /** The last entry number this page has been sent (or said it had). */
  private long sent;
  private boolean reading;
  private boolean readAgain;
  private boolean helloSeen;
  private boolean closed;

  ChatSocket(ServerWebSocket socket, Shared shared) {
    this.socket = socket;
    this.shared = shared;
  }

  void start() {
    socket.textMessageHandler(this::frame);
    socket.closeHandler(v -> close());
    socket.exceptionHandler(err -> LOG.debug("chat socket error: {}", err.toString()));
  }

  private void frame(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("each frame must be a JSON object");
      return;
    }
    switch (String.valueOf(frame.getValue("type"))) {
      case "hello" -> hello(frame);
      case "send" -> send(frame);
      case "ping" -> write(new JsonObject().put("type", "pong"));
      default -> error("unknown frame type; expected hello, send or ping");
    }
  }

  private void hello(JsonObject frame) {
    if (helloSeen) {
      error("hello was already said on this socket");
      return;
    }
    helloSeen = true;
    Object after = frame.getValue("after");
    sent = after instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
    Object id = frame.getValue("conversationId");
    Object secret = frame.getValue("conversationSecret");
    if (id == null) {
      write(new JsonObject().put("type", "welcome")); // a conversation starts with the first message
      return;
    }
    if (!(id instanceof String i && ID.matcher(i).matches() && secret instanceof String s
        && SECRET.matcher(s).matches())) {
      refuse();
      return;
    }
    shared.conversations().verify(i, ChatCredentials.hash(s), shared.sessionIdle()).onComplete(ar -> {
      if (ar.failed()) {
        error("temporarily unavailable; please reconnect");
        socket.close();
      } else if (!ar.result()) {
        refuse();
      } else {
        write(new JsonObject().put("type", "welcome").put("conversationId", i));
        listen(i);
      }
    });
  }

  /** The same answer for a made-up id, another visitor's id with a wrong secret, and a lapsed one. */
  private void refuse() {
    error("no such conversation; start a new one by saying hello without conversationId");
    socket.close(NO_SUCH_CONVERSATION, "no such conversation");
  }

  private void listen(String id) {
    conversationId = Optional.of(id);
    if (closed) {
      return;
    }
    subscription = shared.chat().bus().subscribe(id, seq -> pump());
    pump();
  }

  private void send(JsonObject frame) {
    if (!helloSeen) {
      error("say hello first");
      return;
    }
    Object clientId = frame.getValue("clientId");
    Object text = frame.getValue("text");
    Object option = frame.getValue("option");
    if (!(clientId instanceof String c && ID.matcher(c).matches())) {
      error("clientId must be 1-64 letters, digits, '-' or '_', unique per message");
      return;
    }
    Optional<String> refused = ChatMessageInput.refusal(text, option);
    if (refused.isPresent()) {
      error(refused.get());
      return;
    }
    String words = text == null ? "" : ((String) text).strip();
    Map<String, String> attributes = ChatMessageInput.attributes(option);
    conversation().onSuccess(id -> {
      Optional<Duration> wait = shared.perConversation().take(id);
      if (wait.isPresent()) {
        write(new JsonObject().put("type", "error").put("message", "too many messages; wait a moment")
            .put("retryAfterSeconds", Math.max(1, wait.get().toSeconds())).put("clientId", c));
        return;
      }
      shared.chat().send(id, c, words, attributes)
          .onFailure(err -> {
            LOG.warn("web chat message {} could not be handled: {}", c, err.toString());
            error("your message could not be handled; please send it again");
          });
    });
  }

  /** This page's conversation; the first message of a page without one starts it. */
  private Future<String> conversation() {
    if (conversationId.isPresent()) {
      return Future.succeededFuture(conversationId.get());
    }
    Optional<Duration> wait = shared.newPerAddress().take(shared.address());
    if (wait.isPresent()) {
      write(new JsonObject().put("type", "error").put("message", "too many new conversations; wait a moment")
          .put("retryAfterSeconds", Math.max(1, wait.get().toSeconds())));
      return Future.failedFuture("rate limited");
    }
    String id = shared.credentials().newId();
    String secret = shared.credentials().newSecret();
    conversationId = Optional.of(id); // taken at once: a second message does not start another conversation
    return shared.conversations().register(id, ChatCredentials.hash(secret), shared.firstTurnLifetime())
        .onSuccess(v -> {
          write(new JsonObject().put("type", "welcome").put("conversationId", id).put("conversationSecret", secret));
          listen(id);
        })
        .onFailure(err -> {
          conversationId = Optional.empty();
          error("temporarily unavailable; please send it again");
        })
        .map(id);
  }

  /** Sends what the page has not had yet, in order; one read at a time, and again if news came meanwhile. */
  private void pump() {
    if (closed || conversationId.isEmpty()) {
      return;
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    readAgain = false;
    shared.chat().history(conversationId.get(), sent, BATCH).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        LOG.warn("chat history could not be read: {}", ar.cause().toString());
        return;
      }
      List<ChatEntry> entries = ar.result();
      for (ChatEntry entry : entries) {
        if (entry.seq() == sent + 1) {
          write(ChatReplies.entry(entry));
          sent = entry.seq();
        }
      }
      if (readAgain || entries.size() == BATCH) {
        pump();
      }
    });
  }

  private void error(String message) {
    write(new JsonObject().put("type", "error").put("message", message));
  }

  private void write(JsonObject frame) {
    if (!closed && !socket.isClosed()) {
      socket.writeTextMessage(frame.encode());
    }
  }

  private void close() {
    closed = true;
    if (subscription != null) {
      subscription.close();
    }
  }
}
