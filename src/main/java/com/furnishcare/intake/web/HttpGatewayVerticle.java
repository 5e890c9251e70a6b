package com.furnishcare.intake.web;

import com.furnishcare.intake.channel.wechat.WeChatCallback;
import com.furnishcare.intake.channel.sms.TencentSmsReplyCallback;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.turn.TurnProcessor;
import com.furnishcare.intake.ticket.TicketStatusUpdates;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: routes, body limits, failure handling, graceful shutdown. */
public final class HttpGatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpGatewayVerticle.class);

  private final GatewayConfig config;
  private final Stores stores;
  private final GatewayMetrics metrics;
  private final Optional<WeChatCallback> wechat;
  private final TurnProcessor webchat;
  private final TicketStatusUpdates updates;
  private final FaqSearch faq;
  private final Optional<TencentSmsReplyCallback> smsReplies;
  private HttpServer server;

  public HttpGatewayVerticle(GatewayConfig config, Stores stores, GatewayMetrics metrics,
      Optional<WeChatCallback> wechat, TurnProcessor webchat, TicketStatusUpdates updates, FaqSearch faq,
      Optional<TencentSmsReplyCallback> smsReplies) {
    this.smsReplies = smsReplies;
    this.updates = updates;
    this.faq = faq;
    this.config = config;
    this.stores = stores;
    this.metrics = metrics;
    this.wechat = wechat;
    this.webchat = webchat;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    AdminAuth admin = new AdminAuth(config.adminToken());
    // The chat API is the public widget's door; everything else under /api is for staff.
    router.route("/api/*").handler(ctx -> {
      if (ctx.request().path().startsWith("/api/chat/")) {
        ctx.next();
      } else {
        admin.handle(ctx);
      }
    });
    new OperationsRoutes(stores.sessions(), stores.backend(), metrics, stores.deliveries()).mount(router);
    new TicketRoutes(stores.tickets(), updates).mount(router);
    new OutboxRoutes(stores.outbox(), Clock.systemUTC()).mount(router);
    new ChatRoutes(webchat, Clock.systemUTC()).mount(router);
    new FaqRoutes(faq).mount(router);
    wechat.ifPresent(callback -> callback.mount(router, config.bodyLimitBytes()));
    smsReplies.ifPresent(callback -> callback.mount(router));
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
            s.actualPort(), stores.backend(), wechat.isPresent() ? "on" : "off (set WECHAT_TOKEN)"));
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
