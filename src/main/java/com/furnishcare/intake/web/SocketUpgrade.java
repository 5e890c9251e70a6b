package com.furnishcare.intake.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Turns a request into a WebSocket for one of the gateway's sockets (the chat page's, the console's):
 * anything but a handshake gets an ordinary 400 before anything treats it as an upgrade, and a broken
 * handshake is answered and closed, never left hanging.
 */
final class SocketUpgrade {

  private SocketUpgrade() {}

  /** @param which names the socket in the 400 ("the chat page's WebSocket") */
  static void accept(RoutingContext ctx, String which, Consumer<ServerWebSocket> start) {
    if (ctx.request().method() != HttpMethod.GET
        || !"websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
      Responses.error(ctx, 400, "this is " + which + "; open it with a WebSocket handshake");
      return;
    }
    ctx.request().toWebSocket().onSuccess(start::accept).onFailure(err -> {
      if (!ctx.response().ended() && !ctx.response().closed()) {
        ctx.response().putHeader("Connection", "close");
        Responses.error(ctx, 400, "the WebSocket handshake failed");
      }
    });
  }
}
