package com.furnishcare.intake.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for WeCom's group robot API ({@code POST /cgi-bin/webhook/send?key=KEY}) on a free loopback
 * port. It checks what the real one checks and answers the way it does: an unknown key 93000, more than
 * {@code perWindow} messages to one robot within the window (20 a minute, as WeCom) 45009, a message of the
 * wrong shape or too long (markdown content over 4096 UTF-8 bytes, text over 2048) 40058, a body that is not
 * JSON 40016; else {@code {"errcode":0,"errmsg":"ok"}}. Shape mistakes are also kept in {@link #problems()},
 * so a test can insist the gateway made none.
 */
public final class FakeWeComRobot {

  /** One message the robot accepted (errcode 0). */
  public record Posted(String key, String msgtype, String content) {}

  /** One answer other than 0, with the key it was for. */
  public record Refusal(String key, int errcode) {}

  private final Set<String> keys;
  private final Map<String, List<Posted>> accepted = new ConcurrentHashMap<>();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Long>> recent = new HashMap<>();
  private volatile int perWindow = 20;
  private volatile Duration window = Duration.ofMinutes(1);
  private HttpServer server;

  public FakeWeComRobot(Set<String> keys) {
    this.keys = Set.copyOf(keys);
  }

  public Future<FakeWeComRobot> start(Vertx vertx) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  /** Where the gateway should post ({@code WECOM_ROBOT_BASE_URL}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The webhook URL a group's robot settings would show for the key (what the alerts file holds). */
  public static String webhookUrl(String key) {
    return "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" + key;
  }

  /** A tighter rate limit than WeCom's 20 a minute, so a test need not wait a minute for it to lift. */
  public FakeWeComRobot limit(int messages, Duration per) {
    this.perWindow = messages;
    this.window = per;
    return this;
  }

  public List<Posted> received(String key) {
    return List.copyOf(accepted.getOrDefault(key, List.of()));
  }

  public List<Posted> received() {
    List<Posted> all = new ArrayList<>();
    accepted.values().forEach(all::addAll);
    return all;
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST || !"/cgi-bin/webhook/send".equals(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    request.body().onSuccess(body -> {
      String key = request.getParam("key");
      String type = request.getHeader("Content-Type");
      if (type == null || !type.toLowerCase().startsWith("application/json")) {
        problems.add("Content-Type is " + type);
      }
      if (key == null || !keys.contains(key)) {
        answer(request, key, 93000, "invalid webhook url, hint: [fake]");
        return;
      }
      JsonObject json;
      try {
        json = body.toJsonObject();
      } catch (RuntimeException e) {
        problems.add("body is not JSON: " + body);
        answer(request, key, 40016, "invalid json");
        return;
      }
      String shape = shapeProblem(json);
      if (shape != null) {
        problems.add(shape);
        answer(request, key, 40058, shape);
        return;
      }
      if (!withinLimit(key)) {
        answer(request, key, 45009, "api freq out of limit");
        return;
      }
      String msgtype = json.getString("msgtype");
      accepted.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
          .add(new Posted(key, msgtype, json.getJsonObject(msgtype).getString("content")));
      answer(request, key, 0, "ok");
    });
  }

  /** What WeCom refuses about a message's shape; null when it is a proper markdown or text message. */
  static String shapeProblem(JsonObject json) {
    String msgtype = json.getValue("msgtype") instanceof String s ? s : null;
    if (!"markdown".equals(msgtype) && !"text".equals(msgtype)) {
      return "msgtype must be markdown or text, got " + json.getValue("msgtype");
    }
    if (!json.fieldNames().equals(Set.of("msgtype", msgtype))) {
      return "fields must be msgtype and " + msgtype + ", got " + json.fieldNames();
    }
    if (!(json.getValue(msgtype) instanceof JsonObject inner)) {
      return msgtype + " must be an object";
    }
    if (!(inner.getValue("content") instanceof String content) || content.isEmpty()) {
      return msgtype + ".content must be a non-empty string";
    }
    int limit = msgtype.equals("markdown") ? 4096 : 2048;
    int bytes = content.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limit) {
      return msgtype + ".content is " + bytes + " bytes, more than " + limit;
    }
    return null;
  }

  private synchronized boolean withinLimit(String key) {
    long now = System.nanoTime();
    Deque<Long> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
    while (!times.isEmpty() && now - times.peekFirst() >= window.toNanos()) {
      times.removeFirst();
    }
    if (times.size() >= perWindow) {
      return false;
    }
    times.addLast(now);
    return true;
  }

  private void answer(HttpServerRequest request, String key, int errcode, String errmsg) {
    if (errcode != 0) {
      refusals.add(new Refusal(key, errcode));
    }
    request.response().putHeader("Content-Type", "application/json; charset=UTF-8")
        .end(new JsonObject().put("errcode", errcode).put("errmsg", errmsg).encode());
  }
}
