package com.furnishcare.intake.web;

import com.furnishcare.intake.channel.wechat.WeChatCallback;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: routes, body limits, failure handling, graceful shutdown. */
public final class HttpGatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpGatewayVerticle.class);

  private final GatewayConfig config;
  private final SessionStore sessions;
  private final String backend;
  private final DeliveryLog deliveries;
  private final GatewayMetrics metrics;
  private final Optional<WeChatCallback> wechat;
  private HttpServer server;

  public HttpGatewayVerticle(GatewayConfig config, SessionStore sessions, String backend, DeliveryLog deliveries,
      GatewayMetrics metrics, Optional<WeChatCallback> wechat) {
    this.config = config;
    this.sessions = sessions;
    this.backend = backend;
    this.deliveries = deliveries;
    this.metrics = metrics;
    this.wechat = wechat;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(new AdminAuth(config.adminToken()));
    new OperationsRoutes(sessions, backend, metrics, deliveries).mount(router);
    wechat.ifPresent(callback -> callback.mount(router, config.bodyLimitBytes()));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
      if (status >= 500) {
        metrics.error("http_" + status);
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      } else {
        metrics.error("http_" + status);
      }
      if (!ctx.response().ended()) {
        String message = status == 413 ? "request body too large" : status >= 500 ? "internal error" : "bad request";
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
      }
    });
    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost()));
    return server.requestHandler(router).listen(config.httpPort())
        .onSuccess(s -> LOG.info("gateway listening on {}:{} (store: {}, wechat: {})", config.httpHost(),
            s.actualPort(), backend, wechat.isPresent() ? "on" : "off (set WECHAT_TOKEN)"));
  }

  /** Stops accepting, lets requests in flight finish (up to the grace period), then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
