package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentDesk;
import com.furnishcare.intake.agent.AgentNews;
import com.furnishcare.intake.agent.AgentPrincipal;
import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.ConversationKey;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One console's live line: "the queue changed" whenever it does (on any process), the new entries and
 * notes of the conversation the agent has open, and a ping that also tells the desk the agent is still
 * there (so their conversations are not sent back to the queue). Frames in: watch, ping.
 */
final class AgentSocket {

  private static final Logger LOG = LoggerFactory.getLogger(AgentSocket.class);
  private static final int PAGE = 200;

  private final ServerWebSocket socket;
  private final AgentPrincipal who;
  private final AgentDesk desk;
  private final ChatBus bus;
  private final ChatLog log;
  private final List<ChatBus.Subscription> watching = new ArrayList<>();
  private ChatBus.Subscription queue;
  private String conversation;
  private long entriesSent;
  private long notesSent;
  private boolean closed;
  /** Whether the session the socket was opened with is still live (and moves its idle expiry on). */
  private final java.util.function.Supplier<io.vertx.core.Future<Boolean>> sessionLive;

  /** Closed with this code when the session ends (logout, idle expiry): the page goes to the login. */
  static final short SESSION_ENDED = 4401;

  AgentSocket(ServerWebSocket socket, AgentPrincipal who, AgentDesk desk, ChatBus bus, ChatLog log,
      java.util.function.Supplier<io.vertx.core.Future<Boolean>> sessionLive) {
    this.sessionLive = sessionLive;
    this.socket = socket;
    this.who = who;
    this.desk = desk;
    this.bus = bus;
    this.log = log;
  }

  void start() {
    queue = bus.subscribe(AgentNews.QUEUE_TOPIC, seq -> send(new JsonObject().put("type", "queue")));
    socket.textMessageHandler(this::frame);
    socket.closeHandler(v -> close());
    socket.exceptionHandler(err -> LOG.debug("agent socket error: {}", err.toString()));
    desk.seen(who);
  }

  private void frame(String text) {
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("frames are JSON objects");
      return;
    }
    switch (String.valueOf(frame.getValue("type"))) {
      case "ping" -> sessionLive.get().onComplete(live -> {
        if (live.succeeded() && !live.result()) {
          // Signed out or idle too long: a socket must not outlive the session that opened it.
          if (!socket.isClosed()) {
            socket.close(SESSION_ENDED, "session ended");
          }
          return;
        }
        // Answered once the desk has noted the agent is here: a pong means "your chats are kept".
        desk.seen(who).onComplete(noted -> send(new JsonObject().put("type", "pong")));
      });
      case "watch" -> watch(frame.getValue("conversation"), seq(frame.getValue("after")),
          seq(frame.getValue("notesAfter")));
      default -> error("unknown frame type; send watch or ping");
    }
  }

  private static long seq(Object raw) {
    return raw instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
  }

  /**
   * Follows one conversation (the one open on screen), if this login may see it: what came after the
   * entries the console has ({@code after}; -1: none given, only what is new from now), then each new one.
   * Answers {@code watching} once subscribed.
   */
  private void watch(Object raw, long after, long notesAfter) {
    if (!(raw instanceof String id) || id.isEmpty() || id.length() > 300) {
      error("watch needs a conversation");
      return;
    }
    desk.visibleCase(who, id).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.failed() || ar.result().isEmpty()) {
        error("no such conversation");
        return;
      }
      unwatch();
      conversation = id;
      ConversationKey key = ar.result().get().key();
      String transcript = key.transcriptId();
      String notes = AgentDesk.notesId(key);
      watching.add(bus.subscribe(transcript, seq -> pump(id, transcript, "entry", true)));
      watching.add(bus.subscribe(notes, seq -> pump(id, notes, "note", false)));
      // Subscribed first, then caught up: an entry written in between is read here or announced after.
      io.vertx.core.Future<Long> entries = after >= 0 ? io.vertx.core.Future.succeededFuture(after) : size(transcript);
      io.vertx.core.Future<Long> noted = notesAfter >= 0 ? io.vertx.core.Future.succeededFuture(notesAfter) : size(notes);
      io.vertx.core.Future.all(entries, noted).onSuccess(both -> {
        entriesSent = Math.max(entriesSent, entries.result());
        notesSent = Math.max(notesSent, noted.result());
        pump(id, transcript, "entry", true);
        pump(id, notes, "note", false);
        send(new JsonObject().put("type", "watching").put("conversation", id));
      });
    });
  }

  /** How many entries a log has now (its last seq: seqs run from 1 without gaps). */
  private io.vertx.core.Future<Long> size(String logId) {
    return log.after(logId, 0, Integer.MAX_VALUE).map(all -> (long) all.size());
  }

  private void pump(String watched, String logId, String type, boolean entries) {
    long after = entries ? entriesSent : notesSent;
    log.after(logId, after, PAGE).onSuccess(list -> {
      if (closed || !watched.equals(conversation)) {
        return;
      }
      for (var entry : list) {
        long seen = entries ? entriesSent : notesSent;
        if (entry.seq() <= seen) {
          continue;
        }
        if (entries) {
          entriesSent = entry.seq();
        } else {
          notesSent = entry.seq();
        }
        send(new JsonObject().put("type", type).put("conversation", watched).put("entry", AgentJson.entry(entry)));
      }
    });
  }

  private void unwatch() {
    watching.forEach(ChatBus.Subscription::close);
    watching.clear();
  }

  private void error(String message) {
    send(new JsonObject().put("type", "error").put("error", message));
  }

  private void send(JsonObject frame) {
    if (!closed && !socket.isClosed()) {
      socket.writeTextMessage(frame.encode());
    }
  }

  private void close() {
    closed = true;
    unwatch();
    if (queue != null) {
      queue.close();
    }
  }
}
