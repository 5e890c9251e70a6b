package com.furnishcare.intake.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The web chat's socket under load, against a running gateway (bench/chat.sh starts it):
 * <ul>
 *   <li>{@code open PORT N}: opens N pages, each with its own conversation (one message answered), keeps
 *       them open and prints {@code OPEN n} when all are up; the script reads the gateway's memory then.
 *   <li>{@code rtt PORT RATE SECONDS PAGES}: at a fixed rate, a question through a page's socket until the
 *       bot's entry comes back, and the same question through {@code POST /api/chat/messages}; prints
 *       p50/p99 of both from the same run.
 * </ul>
 */
public final class ChatSocketBench {

  private static final String QUESTION = "柜子门缝多大算正常";

  /** One open page: its socket, and the sends waiting for the bot's answer, oldest first. */
  private static final class Page {
    WebSocket socket;
    String conversationId;
    String secret;
    final Queue<Long> waiting = new ArrayDeque<>();
    Promise<Void> ready = Promise.promise();
    boolean sawUser;
  }

  private ChatSocketBench() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    int port = Integer.parseInt(args[1]);
    WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(30_000));
    try {
      if (args[0].equals("open")) {
        int n = Integer.parseInt(args[2]);
        List<Page> pages = open(vertx, sockets, port, n);
        System.out.println("OPEN " + pages.size());
        Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(args.length > 3 ? args[3] : "20")));
      } else {
        rtt(vertx, sockets, port, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** Opens pages in batches (not all handshakes at once), each starting its conversation with one message. */
  private static List<Page> open(Vertx vertx, WebSocketClient sockets, int port, int n) throws Exception {
    List<Page> pages = new ArrayList<>();
    for (int start = 0; start < n; start += 200) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int i = start; i < Math.min(n, start + 200); i++) {
        Page page = new Page();
        pages.add(page);
        batch.add(connect(sockets, port, page, "o" + i));
      }
      Future.all(batch).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    return pages;
  }

  private static Future<Void> connect(WebSocketClient sockets, int port, Page page, String clientId) {
    return sockets.connect(port, "127.0.0.1", "/api/chat/socket").compose(ws -> {
      page.socket = ws;
      ws.textMessageHandler(text -> receive(page, new JsonObject(text)));
      ws.writeTextMessage(new JsonObject().put("type", "hello").encode());
      ws.writeTextMessage(new JsonObject().put("type", "send").put("clientId", clientId).put("text", "你好").encode());
      return page.ready.future();
    });
  }

  private static void receive(Page page, JsonObject frame) {
    String type = frame.getString("type");
    if ("welcome".equals(type) && frame.containsKey("conversationSecret")) {
      page.conversationId = frame.getString("conversationId");
      page.secret = frame.getString("conversationSecret");
    } else if ("entry".equals(type) && "bot".equals(frame.getString("author"))) {
      page.ready.tryComplete();
      Long sent = page.waiting.poll();
      if (sent != null) {
        Stats.SOCKET.add(System.nanoTime() - sent);
      }
    } else if ("error".equals(type)) {
      System.err.println("error frame: " + frame.encode());
    }
  }

  private static void rtt(Vertx vertx, WebSocketClient sockets, int port, int rate, int seconds, int n)
      throws Exception {
    List<Page> pages = open(vertx, sockets, port, n);
    WebClient http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(256));
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    AtomicInteger counter = new AtomicInteger();
    long total = (long) rate * seconds;
    Promise<Void> done = Promise.promise();
    long start = System.nanoTime();
    // One timer tick per millisecond sends what is due, so the rate holds without a timer per message.
    vertx.setPeriodic(1, id -> {
      long due = Math.min(total, (System.nanoTime() - start) / intervalNanos);
      while (counter.get() < due) {
        int i = counter.getAndIncrement();
        Page page = pages.get(i % pages.size());
        if (i % 2 == 0) {
          page.waiting.add(System.nanoTime());
          page.socket.writeTextMessage(new JsonObject().put("type", "send").put("clientId", "r" + i)
              .put("text", QUESTION).encode());
        } else {
          long sent = System.nanoTime();
          http.post(port, "127.0.0.1", "/api/chat/messages").putHeader("Content-Type", "application/json")
              .sendBuffer(Buffer.buffer(new JsonObject().put("conversationId", page.conversationId)
                  .put("conversationSecret", page.secret).put("messageId", "h" + i).put("text", QUESTION).encode()))
              .onSuccess(r -> {
                if (r.statusCode() == 200) {
                  Stats.HTTP.add(System.nanoTime() - sent);
                } else {
                  System.err.println("POST answered " + r.statusCode() + " " + r.bodyAsString());
                }
              });
        }
      }
      if (counter.get() >= total) {
        vertx.cancelTimer(id);
        vertx.setTimer(3000, t -> done.tryComplete());
      }
    });
    done.future().toCompletionStage().toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
    System.out.println("RESULT socket " + Stats.SOCKET.summary());
    System.out.println("RESULT http " + Stats.HTTP.summary());
  }

  /** Latencies of one kind, in nanoseconds. */
  private static final class Stats {
    static final Stats SOCKET = new Stats();
    static final Stats HTTP = new Stats();
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized String summary() {
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return String.format("n=%d p50_ms=%.2f p99_ms=%.2f", size, percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
  }
}
