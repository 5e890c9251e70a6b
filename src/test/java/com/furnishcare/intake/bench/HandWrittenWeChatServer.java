package com.furnishcare.intake.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The benchmark's baselines, as a team would hand-write them without the gateway: check WeChat's signature,
 * parse the XML with StAX, drop a MsgId already seen (in memory), answer a text reply. With a Redis URL it
 * also reads the sender's session with GET and writes it back with SETEX, as the usual "Vert.x + Redis"
 * service does. No dialog, no FAQ, no tickets: the gateway's figures are read against these.
 * Usage: java ... HandWrittenWeChatServer PORT TOKEN [REDIS_URL [pipelined]]
 */
public final class HandWrittenWeChatServer {

  private static final XMLInputFactory XML = XMLInputFactory.newFactory();
  private static final int SEEN_MESSAGES = 100_000;

  static {
    XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  private final String token;
  private final RedisAPI redis;
  /** MsgIds answered lately (insertion order, oldest dropped): WeChat's retries get no second turn. */
  private final Map<String, Boolean> seen = new LinkedHashMap<>(SEEN_MESSAGES, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > SEEN_MESSAGES;
    }
  };

  private HandWrittenWeChatServer(String token, RedisAPI redis) {
    this.token = token;
    this.redis = redis;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions());
    Redis client = args.length > 2
        ? Redis.createClient(vertx, new RedisOptions().setConnectionString(args[2]).setMaxPoolSize(16)
            .setMaxPoolWaiting(2048))
        : null;
    // "pipelined": every command on one connection, as the gateway does on a single server; else (the issue's
    // baseline) the client's pooled connection per command.
    boolean pipelined = args.length > 3 && args[3].equals("pipelined");
    Future<RedisAPI> redis = client == null ? Future.succeededFuture(null)
        : pipelined ? client.connect().map(RedisAPI::api) : Future.succeededFuture(RedisAPI.api(client));
    // One verticle on one event loop: the map of seen MsgIds is then only touched by that loop.
    redis.compose(api -> vertx.createHttpServer()
            .requestHandler(new HandWrittenWeChatServer(args[1], api)::handle)
            .listen(port, "127.0.0.1"))
        .onSuccess(s -> System.out.println("hand-written server on " + s.actualPort()
            + (client == null ? "" : pipelined ? " with Redis, one pipelined connection" : " with Redis")))
        .onFailure(err -> {
          err.printStackTrace();
          System.exit(1);
        });
  }

  private void handle(HttpServerRequest req) {
    String signature = req.getParam("signature");
    String timestamp = req.getParam("timestamp");
    String nonce = req.getParam("nonce");
    if (signature == null || timestamp == null || nonce == null || !signature.equals(sign(timestamp, nonce))) {
      req.response().setStatusCode(403).end();
      return;
    }
    req.body().onSuccess(body -> answer(req, body)).onFailure(err -> req.response().setStatusCode(400).end());
  }

  private void answer(HttpServerRequest req, Buffer body) {
    Map<String, String> message;
    try {
      message = parse(body.toString(StandardCharsets.UTF_8));
    } catch (XMLStreamException e) {
      req.response().setStatusCode(400).end();
      return;
    }
    String msgId = message.getOrDefault("MsgId", "");
    if (!msgId.isEmpty() && seen.put(msgId, Boolean.TRUE) != null) {
      req.response().end("success");
      return;
    }
    String user = message.getOrDefault("FromUserName", "");
    Future<String> reply = redis == null
        ? Future.succeededFuture("已收到")
        : redis.get("hw:session:" + user).compose(session -> {
          int turns = session == null ? 1 : Integer.parseInt(session.toString()) + 1;
          return redis.setex("hw:session:" + user, "1800", Integer.toString(turns)).map(ok -> "已收到 " + turns);
        });
    reply.onSuccess(text -> req.response().putHeader("Content-Type", "application/xml; charset=utf-8")
            .end("<xml><ToUserName><![CDATA[" + user + "]]></ToUserName><FromUserName><![CDATA["
                + message.getOrDefault("ToUserName", "") + "]]></FromUserName><CreateTime>"
                + System.currentTimeMillis() / 1000 + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + text + "]]></Content></xml>"))
        .onFailure(err -> req.response().setStatusCode(503).end());
  }

  private String sign(String timestamp, String nonce) {
    String[] parts = {token, timestamp, nonce};
    Arrays.sort(parts);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first-level elements of {@code <xml>}: name → text. */
  private static Map<String, String> parse(String xml) throws XMLStreamException {
    Map<String, String> fields = new LinkedHashMap<>();
    XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
    try {
      int depth = 0;
      String name = null;
      StringBuilder text = new StringBuilder();
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2) {
            name = reader.getLocalName();
            text.setLength(0);
          }
        } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
          if (depth == 2) {
            text.append(reader.getText());
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && name != null) {
            fields.put(name, text.toString());
          }
          depth--;
        }
      }
    } finally {
      reader.close();
    }
    return fields;
  }
}
