package com.furnishcare.intake.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for WeChat's API host that checks what the gateway sends and answers as the real
 * API does, errors included: GET /cgi-bin/token, POST /cgi-bin/message/custom/send and template/send,
 * and GET /cgi-bin/media/get (temporary media: the bytes as an attachment, or 40007 once expired).
 */
public final class FakeWeChatApi {

  public record Sent(String openId, String content, String accessToken) {}

  /** A template message as WeChat got it: every data field's value, and the page it opens (null: none). */
  public record Template(String openId, String templateId, Map<String, String> data, String url) {}

  private final String appId;
  private final String secret;
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> scriptedErrors = new ConcurrentHashMap<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<Sent> templates = new CopyOnWriteArrayList<>();
  private final List<Template> templateMessages = new CopyOnWriteArrayList<>();
  private final Set<String> templateIds = ConcurrentHashMap.newKeySet();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenFetches = new AtomicInteger();
  private final AtomicInteger sendCalls = new AtomicInteger();
  private final Map<String, byte[]> media = new ConcurrentHashMap<>();
  private final List<String> mediaDownloads = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public FakeWeChatApi(String appId, String secret) {
    this.appId = appId;
    this.secret = secret;
  }

  public Future<FakeWeChatApi> start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/cgi-bin/token").handler(this::token);
    router.post("/cgi-bin/message/custom/send").handler(BodyHandler.create()).handler(this::customSend);
    router.post("/cgi-bin/message/template/send").handler(BodyHandler.create()).handler(this::templateSend);
    router.get("/cgi-bin/media/get").handler(this::mediaGet);
    router.route().handler(ctx -> {
      problems.add("unexpected request " + ctx.request().method() + " " + ctx.request().uri());
      ctx.response().setStatusCode(404).end();
    });
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      return this;
    });
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void token(RoutingContext ctx) {
    tokenFetches.incrementAndGet();
    String grantType = ctx.request().getParam("grant_type");
    if (!"client_credential".equals(grantType)) {
      problems.add("token request with grant_type=" + grantType);
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    if (!appId.equals(ctx.request().getParam("appid"))) {
      error(ctx, 40013, "invalid appid");
      return;
    }
    if (!secret.equals(ctx.request().getParam("secret"))) {
      error(ctx, 40001, "invalid credential, access_token is invalid or not latest");
      return;
    }
    String token = "ACCESS_TOKEN_" + tokenFetches.get();
    validTokens.add(token);
    reply(ctx, new JsonObject().put("access_token", token).put("expires_in", 7200));
  }

  private void customSend(RoutingContext ctx) {
    sendCalls.incrementAndGet();
    String token = ctx.request().getParam("access_token");
    if (token == null || token.isEmpty()) {
      problems.add("custom/send without access_token");
      error(ctx, 41001, "access_token missing");
      return;
    }
    if (expiredTokens.contains(token)) {
      error(ctx, 42001, "access_token expired");
      return;
    }
    if (revokedTokens.contains(token)) {
      error(ctx, 40001, "invalid credential, access_token is invalid or not latest");
      return;
    }
    if (!validTokens.contains(token)) {
      problems.add("custom/send with unknown access_token " + token);
      error(ctx, 40001, "invalid credential, access_token is invalid or not latest");
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException e) {
      body = null;
    }
    if (body == null) {
      problems.add("custom/send body is not JSON");
      error(ctx, 47001, "data format error");
      return;
    }
    String openId = body.getString("touser", "");
    JsonObject text = body.getJsonObject("text");
    if (openId.isEmpty() || !"text".equals(body.getString("msgtype")) || text == null
        || text.getString("content", "").isEmpty()) {
      problems.add("custom/send malformed: " + body.encode());
      error(ctx, 47001, "data format error");
      return;
    }
    String content = text.getString("content");
    if (content.getBytes(StandardCharsets.UTF_8).length > 2048) {
      problems.add("custom/send content over 2048 bytes");
      error(ctx, 45002, "content size out of limit");
      return;
    }
    Integer scripted = scriptedErrors.get(openId);
    if (scripted != null) {
      error(ctx, scripted, scripted == 45015 ? "response out of time limit or subscription is canceled"
          : scripted == 45047 ? "out of response count limit" : "scripted error");
      return;
    }
    sent.add(new Sent(openId, content, token));
    reply(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok"));
  }

  /**
   * Template messages: the template id must be one the account owns, every data field needs a value, and a
   * url must be an absolute http(s) URL; data.content (the status template) is also kept as text.
   */
  private void templateSend(RoutingContext ctx) {
    String token = ctx.request().getParam("access_token");
    if (token == null || !validTokens.contains(token)) {
      problems.add("template/send with missing or unknown access_token");
      error(ctx, 40001, "invalid credential");
      return;
    }
    JsonObject body = ctx.body().asJsonObject();
    if (body == null || body.getString("touser", "").isEmpty() || !templateIds.contains(body.getString("template_id"))) {
      problems.add("template/send malformed or unknown template: " + (body == null ? "not JSON" : body.encode()));
      error(ctx, 40037, "invalid template_id");
      return;
    }
    JsonObject data = body.getJsonObject("data");
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    if (data != null) {
      for (String key : data.fieldNames()) {
        Object field = data.getValue(key);
        String value = field instanceof JsonObject o ? o.getString("value", "") : "";
        if (value.isEmpty()) {
          problems.add("template/send data." + key + " without a value: " + data.encode());
        }
        fields.put(key, value);
      }
    }
    if (fields.isEmpty()) {
      problems.add("template/send without data");
      error(ctx, 47001, "data format error");
      return;
    }
    String url = body.getString("url");
    if (url != null) {
      try {
        java.net.URI uri = new java.net.URI(url);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
          problems.add("template/send url is not an absolute http(s) URL: " + url);
        }
      } catch (java.net.URISyntaxException e) {
        problems.add("template/send url does not parse: " + url);
      }
    }
    String content = fields.getOrDefault("content", "");
    templateMessages.add(new Template(body.getString("touser"), body.getString("template_id"), fields, url));
    if (content.isEmpty()) {
      reply(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("msgid", 200228332L + templateMessages.size()));
      return;
    }
    templates.add(new Sent(body.getString("touser"), content, token));
    reply(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("msgid", 200228332L + templates.size()));
  }

  /**
   * Temporary media by MediaId: the file with WeChat's headers (its type, and the name in
   * Content-disposition), or for a MediaId WeChat does not have — never uploaded, or past its three days —
   * {@code {"errcode":40007,"errmsg":"invalid media_id"}} as JSON, which is how WeChat says it.
   */
  private void mediaGet(RoutingContext ctx) {
    String token = ctx.request().getParam("access_token");
    if (token == null || !validTokens.contains(token)) {
      if (token == null || !expiredTokens.contains(token)) {
        problems.add("media/get with missing or unknown access_token");
      }
      error(ctx, expiredTokens.contains(token) ? 42001 : 40001, "invalid credential");
      return;
    }
    String mediaId = ctx.request().getParam("media_id", "");
    mediaDownloads.add(mediaId);
    byte[] bytes = media.get(mediaId);
    if (bytes == null) {
      error(ctx, 40007, "invalid media_id");
      return;
    }
    ctx.response().putHeader("Content-Type", "image/jpeg")
        .putHeader("Content-disposition", "attachment; filename=\"" + mediaId + ".jpg\"")
        .end(io.vertx.core.buffer.Buffer.buffer(bytes));
  }

  /** A follower sent this file: WeChat keeps it under {@code mediaId} for three days. */
  public void hasMedia(String mediaId, byte[] bytes) {
    media.put(mediaId, bytes.clone());
  }

  /** Three days passed: the MediaId is answered with 40007 from now on. */
  public void expireMedia(String mediaId) {
    media.remove(mediaId);
  }

  /** Every media/get request, by MediaId, in order. */
  public List<String> mediaDownloads() {
    return new ArrayList<>(mediaDownloads);
  }

  /** The account owns this template (as set up in the official-account console). */
  public void ownsTemplate(String templateId) {
    templateIds.add(templateId);
  }

  /** Every template message accepted, whatever its fields. */
  public List<Template> templateMessages() {
    return new ArrayList<>(templateMessages);
  }

  /** Template messages with a data.content field (the status template), as text. */
  public List<Sent> templates() {
    return new ArrayList<>(templates);
  }

  private static void error(RoutingContext ctx, int code, String message) {
    reply(ctx, new JsonObject().put("errcode", code).put("errmsg", message + " rid: fake"));
  }

  private static void reply(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json; encoding=utf-8").end(body.encode());
  }

  /** Every customer-service message to {@code openId} fails with this WeChat error code from now on. */
  public void failSendsTo(String openId, int errcode) {
    scriptedErrors.put(openId, errcode);
  }

  /** WeChat expired every token issued so far (42001 on next use). */
  public void expireIssuedTokens() {
    expiredTokens.addAll(validTokens);
    validTokens.clear();
  }

  /** Every token issued so far stops working (40001), as when the AppSecret is reset or a newer token was issued elsewhere. */
  public void revokeIssuedTokens() {
    revokedTokens.addAll(validTokens);
    validTokens.clear();
  }

  public List<Sent> sent() {
    return new ArrayList<>(sent);
  }

  public List<Sent> sentTo(String openId) {
    return sent.stream().filter(s -> s.openId().equals(openId)).toList();
  }

  public int tokenFetches() {
    return tokenFetches.get();
  }

  public int sendCalls() {
    return sendCalls.get();
  }

  /** Requests that the real API would have refused as malformed: a correct gateway sends none. */
  public List<String> problems() {
    return new ArrayList<>(problems);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
