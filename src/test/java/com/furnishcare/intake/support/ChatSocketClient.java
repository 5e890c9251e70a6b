package com.furnishcare.intake.support;

import static com.furnishcare.intake.support.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A chat page's socket, as a test drives it: frames sent as JSON, frames received queued in order. */
public final class ChatSocketClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private volatile Short closedWith;

  public ChatSocketClient(Vertx vertx, int port, String origin) {
    this(vertx, port, "/api/chat/socket", origin == null ? java.util.Map.of() : java.util.Map.of("Origin", origin));
  }

  /** Any of the gateway's sockets (the console's at /api/agent/socket, with its session cookie). */
  public ChatSocketClient(Vertx vertx, int port, String uri, java.util.Map<String, String> headers) {
    this.client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(uri);
    headers.forEach(options::addHeader);
    this.socket = await(client.connect(options));
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.closeHandler(v -> closedWith = socket.closeStatusCode() == null ? 1000 : socket.closeStatusCode());
  }

  public ChatSocketClient send(JsonObject frame) {
    await(socket.writeTextMessage(frame.encode()));
    return this;
  }

  /** The next frame that fits, skipping others; fails after 10 s. */
  public JsonObject next(Predicate<JsonObject> fits) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (System.nanoTime() < deadline) {
        JsonObject frame = received.poll(100, TimeUnit.MILLISECONDS);
        if (frame != null && fits.test(frame)) {
          return frame;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no such frame within 10 s; left: " + received);
  }

  /** Entry frames until one by the bot that offers options or the queue stays empty for {@code quietMs}. */
  public List<JsonObject> entriesUntilQuiet(long quietMs) {
    List<JsonObject> entries = new ArrayList<>();
    try {
      JsonObject frame;
      while ((frame = received.poll(quietMs, TimeUnit.MILLISECONDS)) != null) {
        if ("entry".equals(frame.getString("type"))) {
          entries.add(frame);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return entries;
  }

  public Short closedWith() {
    return closedWith;
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      await(socket.close());
    }
    await(client.close());
  }
}
