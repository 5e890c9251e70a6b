package com.furnishcare.intake.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The benchmark's baseline: a bare Vert.x HTTP handler that reads the body and answers a fixed XML text
 * reply, with no signature check, parsing or storage. The gateway's figures are read against it.
 * Usage: java ... BareVertxServer PORT
 */
public final class BareVertxServer {

  private static final String REPLY = "<xml><ToUserName><![CDATA[u]]></ToUserName><FromUserName><![CDATA[gh]]>"
      + "</FromUserName><CreateTime>0</CreateTime><MsgType><![CDATA[text]]></MsgType>"
      + "<Content><![CDATA[已收到]]></Content></xml>";

  private BareVertxServer() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Vertx vertx = Vertx.vertx(new VertxOptions());
    vertx.createHttpServer()
        .requestHandler(req -> req.body().onSuccess(body -> req.response()
            .putHeader("Content-Type", "application/xml; charset=utf-8").end(REPLY)))
        .listen(port, "127.0.0.1")
        .onSuccess(s -> System.out.println("bare server on " + s.actualPort()));
  }
}
