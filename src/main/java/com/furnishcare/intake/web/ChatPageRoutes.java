package com.furnishcare.intake.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The homeowner's chat page ({@code GET /chat}, its script and style) and the brand site's embed
 * ({@code GET /widget.js}). The files are read from the jar once at start, so serving them touches no
 * disk; a browser revalidates them with an ETag. The page's Content-Security-Policy allows only its own
 * script, style and socket, and being framed only by the gateway and the configured brand origins.
 */
final class ChatPageRoutes {

  private record Asset(Buffer body, String contentType, String etag) {}

  private final Asset page = asset("webroot/chat/index.html", "text/html; charset=utf-8");
  private final Asset script = asset("webroot/chat/chat.js", "text/javascript; charset=utf-8");
  private final Asset style = asset("webroot/chat/chat.css", "text/css; charset=utf-8");
  private final Asset widget = asset("webroot/widget.js", "text/javascript; charset=utf-8");
  private final String frameAncestors;

  /** @param embeddingOrigins the brand sites that may show the page in their widget (CHAT_ALLOWED_ORIGINS) */
  ChatPageRoutes(Collection<String> embeddingOrigins) {
    this.frameAncestors = String.join(" ", embeddingOrigins);
  }

  void mount(Router router) {
    router.get("/chat").handler(ctx -> {
      String host = ctx.request().getHeader("Host");
      String sockets = host == null ? "" : " ws://" + host + " wss://" + host;
      ctx.response().putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "img-src 'self' blob:; connect-src 'self'" + sockets + "; frame-ancestors 'self'"
          + (frameAncestors.isEmpty() ? "" : " " + frameAncestors) + "; base-uri 'none'; form-action 'none'")
          .putHeader("Referrer-Policy", "no-referrer");
      serve(ctx, page);
    });
    router.get("/chat/chat.js").handler(ctx -> serve(ctx, script));
    router.get("/chat/chat.css").handler(ctx -> serve(ctx, style));
    router.get("/widget.js").handler(ctx -> serve(ctx, widget));
  }

  private static void serve(RoutingContext ctx, Asset asset) {
    ctx.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", asset.etag());
    if (asset.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", asset.contentType()).end(asset.body());
  }

  private static Asset asset(String resource, String contentType) {
    try (InputStream in = ChatPageRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      byte[] bytes = in.readAllBytes();
      String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
      return new Asset(Buffer.buffer(bytes), contentType, etag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
