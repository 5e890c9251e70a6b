package com.furnishcare.intake.web;

import io.vertx.ext.web.Router;

/**
 * The reports dashboard ({@code GET /reports/}, its script, style and Apache ECharts), on the router behind
 * the console's session check, like the console's own page: only a signed-in agent, supervisor or dealer gets
 * even the page; the figures come from {@code /api/reports/dashboard}, which decides what each login may see.
 * ECharts is the webjar's minified build, read from the jar (no CDN: the dashboard works on a network
 * without the internet, and no third party's script runs next to complaint data).
 *
 * <p>The Content-Security-Policy allows only the gateway's own script, style and requests, no inline script
 * or style attributes and no framing. ECharts draws on a canvas and its tooltips are set to draw there too
 * ({@code renderMode: 'richText'}), so nothing it does needs more.
 */
final class ReportPageRoutes {

  /** The webjar's version: pom.xml's {@code echarts.version}. */
  static final String ECHARTS_VERSION = "5.3.1";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final JarAsset page = JarAsset.load("webroot/reports/index.html", "text/html; charset=utf-8");
  private final JarAsset script = JarAsset.load("webroot/reports/reports.js", "text/javascript; charset=utf-8");
  private final JarAsset style = JarAsset.load("webroot/reports/reports.css", "text/css; charset=utf-8");
  private final JarAsset echarts = JarAsset.load("META-INF/resources/webjars/echarts/" + ECHARTS_VERSION
      + "/dist/echarts.min.js", "text/javascript; charset=utf-8");

  /** @param pages the router mounted at {@code /reports}, after the session check */
  void mount(Router pages) {
    pages.get("/").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("Referrer-Policy", "no-referrer");
      page.serve(ctx);
    });
    pages.get("/reports.js").handler(script::serve);
    pages.get("/reports.css").handler(style::serve);
    pages.get("/echarts.min.js").handler(echarts::serve);
  }
}
