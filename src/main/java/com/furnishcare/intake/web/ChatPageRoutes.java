package com.furnishcare.intake.web;

import io.vertx.ext.web.Router;
import java.util.Collection;

/**
 * The homeowner's chat page ({@code GET /chat}, its script and style) and the brand site's embed
 * ({@code GET /widget.js}). The files are read from the jar once at start, so serving them touches no
 * disk; a browser revalidates them with an ETag. The page's Content-Security-Policy allows only its own
 * script, style and socket, and being framed only by the gateway and the configured brand origins.
 */
final class ChatPageRoutes {

  private final JarAsset page = JarAsset.load("webroot/chat/index.html", "text/html; charset=utf-8");
  private final JarAsset script = JarAsset.load("webroot/chat/chat.js", "text/javascript; charset=utf-8");
  private final JarAsset style = JarAsset.load("webroot/chat/chat.css", "text/css; charset=utf-8");
  private final JarAsset widget = JarAsset.load("webroot/widget.js", "text/javascript; charset=utf-8");
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
      page.serve(ctx);
    });
    router.get("/chat/chat.js").handler(script::serve);
    router.get("/chat/chat.css").handler(style::serve);
    router.get("/widget.js").handler(widget::serve);
  }
}
