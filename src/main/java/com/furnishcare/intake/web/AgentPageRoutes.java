package com.furnishcare.intake.web;

import io.vertx.ext.web.Router;

/**
 * The console's page ({@code GET /agent}, its script and style), on the router behind the agent session
 * check: only a signed-in agent gets even the page. Its Content-Security-Policy allows only its own script,
 * style, images and socket, and no framing (a console inside someone else's page is a clickjacking target).
 */
final class AgentPageRoutes {

  private final JarAsset page = JarAsset.load("webroot/agent/index.html", "text/html; charset=utf-8");
  private final JarAsset script = JarAsset.load("webroot/agent/console.js", "text/javascript; charset=utf-8");
  private final JarAsset style = JarAsset.load("webroot/agent/console.css", "text/css; charset=utf-8");

  /** @param pages the router mounted at {@code /agent}, after the session check */
  void mount(Router pages) {
    pages.get("/").handler(ctx -> {
      String host = ctx.request().getHeader("Host");
      String sockets = host == null ? "" : " ws://" + host + " wss://" + host;
      ctx.response().putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "img-src 'self'; connect-src 'self'" + sockets + "; frame-ancestors 'none'; base-uri 'none'; "
          + "form-action 'self'")
          .putHeader("Referrer-Policy", "no-referrer");
      page.serve(ctx);
    });
    pages.get("/console.js").handler(script::serve);
    pages.get("/console.css").handler(style::serve);
  }
}
