package com.furnishcare.intake.bench;

import com.furnishcare.intake.support.AgentClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console against a running gateway (bench/agent.sh starts it with an agents file):
 * <ul>
 *   <li>{@code latency PORT N}: a homeowner's page asks for a person, an agent takes the chat and sends N
 *       replies one after the other; for each, the time from the agent's send to the page receiving it.
 *   <li>{@code consoles PORT N SECONDS}: N console sockets of signed-in agents, held open; then a new
 *       hand-over, and the time until every console heard "the queue changed". Prints {@code OPEN n} when up.
 * </ul>
 */
public final class AgentBench {

  private AgentBench() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    int port = Integer.parseInt(args[1]);
    WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(30_000));
    try {
      if (args[0].equals("latency")) {
        latency(sockets, port, Integer.parseInt(args[2]));
      } else {
        consoles(sockets, port, Integer.parseInt(args[2]), Long.parseLong(args[3]));
      }
    } finally {
      vertx.close().await();
    }
  }

  private static void latency(WebSocketClient sockets, int port, int n) throws Exception {
    JsonObject started = chat(port, new JsonObject().put("text", "转人工"));
    String id = started.getString("conversationId");
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    WebSocket page = sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/api/chat/socket")).await();
    page.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("agent".equals(frame.getString("author"))) {
        arrived.put(frame.getString("text"), System.nanoTime());
      }
    });
    page.writeTextMessage(new JsonObject().put("type", "hello").put("conversationId", id)
        .put("conversationSecret", started.getString("conversationSecret")).put("after", 0).encode()).await();
    Thread.sleep(500);
    AgentClient agent = AgentClient.login(port, "bench", "bench-password-1");
    String conversation = "webchat:" + id;
    must(agent.post(AgentClient.path(conversation, "take"), new JsonObject()));
    long[] micros = new long[n];
    for (int i = 0; i < n; i++) {
      String text = "第" + i + "条回复";
      long t0 = System.nanoTime();
      must(agent.post(AgentClient.path(conversation, "reply"), new JsonObject().put("clientId", "b" + i).put("text", text)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!arrived.containsKey(text) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      Long t1 = arrived.get(text);
      if (t1 == null) {
        throw new IllegalStateException("reply " + i + " never reached the page");
      }
      micros[i] = (t1 - t0) / 1000;
    }
    Arrays.sort(micros);
    System.out.printf("RESULT agent send -> page shows: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", n,
        micros[n / 2] / 1000.0, micros[(int) Math.min(n - 1, Math.round(n * 0.99))] / 1000.0, micros[n - 1] / 1000.0);
  }

  private static void consoles(WebSocketClient sockets, int port, int n, long holdSeconds) throws Exception {
    // A few sign-ins (each one argon2id check), the consoles spread over them as over agents' browser tabs.
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cookies.add(AgentClient.login(port, "bench", "bench-password-1").cookie());
    }
    // The sign-ins' argon2id work grows the heap; the script reads the baseline memory after this line.
    System.out.println("SIGNED_IN");
    Thread.sleep(4000);
    AtomicInteger heard = new AtomicInteger();
    long[] lastHeard = new long[1];
    List<Future<WebSocket>> opening = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/api/agent/socket").addHeader("Cookie", cookies.get(i % cookies.size()));
      opening.add(sockets.connect(options).onSuccess(ws -> ws.textMessageHandler(text -> {
        if (text.contains("\"queue\"")) {
          heard.incrementAndGet();
          lastHeard[0] = System.nanoTime();
        }
      })));
      if (opening.size() % 200 == 0) {
        Future.all(opening.subList(opening.size() - 200, opening.size())).await();
      }
    }
    Future.all(opening).await();
    System.out.println("OPEN " + n);
    Thread.sleep(TimeUnit.SECONDS.toMillis(holdSeconds));
    heard.set(0);
    long t0 = System.nanoTime();
    chat(port, new JsonObject().put("text", "转人工"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (heard.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    System.out.printf("RESULT consoles=%d heard the queue change=%d all within %.1f ms%n", n, heard.get(),
        (lastHeard[0] - t0) / 1e6);
  }

  private static JsonObject chat(int port, JsonObject body) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/chat/messages")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("chat answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  private static void must(AgentClient.Answer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException("console answered " + answer.status() + ": " + answer.body().encode());
    }
  }
}
