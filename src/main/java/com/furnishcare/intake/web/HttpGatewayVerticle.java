package com.furnishcare.intake.web;

import com.furnishcare.intake.channel.sms.TencentSmsReplyCallback;
import com.furnishcare.intake.channel.wechat.WeChatCallback;
import com.furnishcare.intake.chat.ChatService;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.config.PublicAccessConfig;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.report.ReportService;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.ticket.TicketStatusUpdates;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import com.furnishcare.intake.agent.AgentPrincipal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Who may call a route is decided by where it is mounted, never by comparing path
 * strings: public routes sit on the root router, the chat API on a public sub-router at
 * {@code /api/chat}, and everything else under {@code /api} on the admin sub-router whose first handler
 * checks the token. The router matches the normalised path (dot segments and encoded dots resolved),
 * so {@code /api/chat/%2e%2e/tickets} is {@code /api/tickets} and lands behind the admin check.
 */
public final class HttpGatewayVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpGatewayVerticle.class);

  private final GatewayConfig config;
  private final Stores stores;
  private final GatewayMetrics metrics;
  private final Optional<WeChatCallback> wechat;
  private final ChatService chatService;
  private final TicketStatusUpdates updates;
  private final FaqSearch faq;
  private final Optional<TencentSmsReplyCallback> smsReplies;
  private final PublicLimits limits;
  private final ChatCredentials credentials;
  private WorkerExecutor passwordChecks;
  private HttpServer server;
  private Router router;
  private final AgentConsole console;
  private final SurveyCatalog knownSurveys;
  private final SurveyPage surveyPage;
  private final ReportService reports;

  /**
   * @param knownSurveys the survey ids a dispatched event may name
   * @param surveyPage the survey page's codes, answers and follow-ups (one per process)
   * @param reports the report figures (one per process: its cache is shared)
   */
  public HttpGatewayVerticle(GatewayConfig config, Stores stores, GatewayMetrics metrics,
      Optional<WeChatCallback> wechat, TicketStatusUpdates updates, FaqSearch faq,
      Optional<TencentSmsReplyCallback> smsReplies, PublicLimits limits, ChatCredentials credentials, ChatService chatService,
      AgentConsole console, SurveyCatalog knownSurveys, SurveyPage surveyPage, ReportService reports) {
    this.surveyPage = surveyPage;
    this.reports = reports;
    this.console = console;
    this.knownSurveys = knownSurveys;
    this.chatService = chatService;
    this.smsReplies = smsReplies;
    this.updates = updates;
    this.faq = faq;
    this.config = config;
    this.stores = stores;
    this.metrics = metrics;
    this.wechat = wechat;
    this.limits = limits;
    this.credentials = credentials;
  }

  @Override
  public Future<?> start() {
    PublicAccessConfig access = config.publicAccess();
    router = Router.router(vertx);
    router.route().handler(PublicGuards.securityHeaders());
    router.route().handler(PublicGuards.bodyDeadline(vertx, access.bodyTimeout()));

    // Public: health, metrics, and the doors whose callers prove themselves (WeChat's signature, the
    // SMS callback's secret path, the chat's conversation secret).
    OperationsRoutes operations = new OperationsRoutes(stores.sessions(), stores.backend(), metrics, stores.deliveries());
    operations.mountPublic(router);
    wechat.ifPresent(callback -> callback.mount(router, config.bodyLimitBytes()));
    smsReplies.ifPresent(callback -> callback.mount(router));
    new ChatPageRoutes(access.allowedOrigins()).mount(router);
    if (config.sms().map(s -> s.chatLinksEnabled()).orElse(false)) {
      new ChatLinkRoutes(stores.smsChatLinks(), stores.chats(), credentials, limits, config.sessionIdleTimeout())
          .mount(router);
    }
    new SurveyPageRoutes(surveyPage, limits).mount(router);
    mountSocket(router, access);
    router.route("/api/chat/*").subRouter(chatRouter(access));
    mountAgentConsole(router);
    mountReports(router);

    Router admin = Router.router(vertx);
    admin.route().handler(new AdminAuth(config.adminToken()));
    operations.mountAdmin(admin);
    new TicketRoutes(stores.tickets(), updates).mount(admin);
    new OutboxRoutes(stores.outbox(), Clock.systemUTC()).mount(admin);
    new AlertRoutes(stores.alerts()).mount(admin);
    new FaqRoutes(faq).mount(admin);
    new SurveyRoutes(vertx, stores.surveys(), knownSurveys, Clock.systemUTC()).mount(admin);
    router.route("/api/*").subRouter(admin);

    FailureResponder failures = new FailureResponder(metrics);
    router.route().failureHandler(failures);
    router.errorHandler(404, failures).errorHandler(405, failures);

    server = vertx.createHttpServer(new HttpServerOptions().setHost(config.httpHost())
        .setIdleTimeout((int) access.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS));
    return server.requestHandler(router).listen(config.httpPort())
        .onSuccess(s -> LOG.info("gateway listening on {}:{} (store: {}, wechat: {})", config.httpHost(),
            s.actualPort(), stores.backend(), wechat.isPresent() ? "on" : "off (set WECHAT_TOKEN)"));
  }

  /**
   * {@code /api/reports}: the admin token or a console session (see {@link ReportRoutes}); before the admin
   * sub-router at {@code /api}, which would demand the token from console users.
   */
  private void mountReports(Router router) {
    Router api = Router.router(vertx);
    api.route().handler(ReportRoutes.gate(new AdminAuth(config.adminToken()),
        AgentAuth.api(stores.agentSessions(), console.accounts(), console.settings().sessionIdle())));
    new ReportRoutes(reports).mount(api);
    api.route().handler(ctx -> Responses.error(ctx, 404, "no such report route (or not for this method)"));
    router.route("/api/reports/*").subRouter(api);
    mountReportPages(router);
  }

  /**
   * The dashboard page under {@code /reports/}, behind the console's session check (a browser without a
   * session goes to the login page and comes back); {@code /reports} only sends the browser on to it.
   */
  private void mountReportPages(Router router) {
    Router pages = Router.router(vertx);
    pages.route().handler(AgentAuth.reportPages(stores.agentSessions(), console.accounts(),
        console.settings().sessionIdle()));
    new ReportPageRoutes().mount(pages);
    router.get("/reports").handler(ctx -> {
      if (ctx.normalizedPath().equals("/reports")) {
        String query = ctx.request().query();
        ctx.response().setStatusCode(303).putHeader("Location", query == null ? LoginReturn.REPORTS
            : LoginReturn.of(LoginReturn.REPORTS + "?" + query).orElse(LoginReturn.REPORTS)).end();
      } else {
        ctx.next();
      }
    });
    router.route("/reports/*").subRouter(pages);
  }

  /** The chat page's WebSocket. */
  static final String SOCKET = "/api/chat/socket";

  /**
   * The page's live socket, on the root router before the chat API: the CORS policy there is for the
   * brand sites' scripts, while the socket is opened by the gateway's own page (also inside the widget's
   * frame), so it has its own origin rule. The per-address limit applies to opening it; its messages count
   * against the same per-conversation limit as the JSON API's.
   */
  private void mountSocket(Router router, PublicAccessConfig access) {
    router.route(SOCKET).handler(PublicGuards.perAddress(limits.clients(), limits.perAddress()))
        .handler(PublicGuards.socketOrigin(access.allowedOrigins()))
        .handler(ctx -> {
          String address = limits.clients().of(ctx);
          SocketUpgrade.accept(ctx, "the chat page's WebSocket", ws -> new ChatSocket(ws, new ChatSocket.Shared(
              chatService, stores.chats(), credentials, address, limits.perConversation(), limits.newConversations(),
              access.firstTurnLifetime(), config.sessionIdleTimeout())).start());
        });
  }

  /**
   * The console: login and logout on the root router (public), then {@code /api/agent} and {@code /agent}
   * on sub-routers whose first handler is the session check. {@code /api/agent} must come before the admin
   * sub-router at {@code /api}, which would otherwise demand the admin token from agents.
   */
  private void mountAgentConsole(Router router) {
    // Shared by name across the verticles: at most two argon2 checks (19 MiB each) run at once per process,
    // so a flood of logins queues instead of taking every core and a lot of memory.
    passwordChecks = vertx.createSharedWorkerExecutor("agent-password-checks", 2);
    new AgentLogin(console, stores.agentSessions(), stores.loginAttempts(), stores.audit(), limits.clients(),
        passwordChecks, Clock.systemUTC()).mount(router);
    Router api = Router.router(vertx);
    api.route().handler(AgentAuth.api(stores.agentSessions(), console.accounts(), console.settings().sessionIdle()));
    Router pages = Router.router(vertx);
    pages.route().handler(AgentAuth.pages(stores.agentSessions(), console.accounts(), console.settings().sessionIdle()));
    new AgentRoutes(stores.audit()).mount(pages, api);
    new AgentPageRoutes().mount(pages);
    new AgentApiRoutes(console.desk(), stores.chatLog(), stores.sessions(), stores.tickets(), faq,
        new AgentJson(console.book(), console::displayName), Clock.systemUTC()).mount(api);
    api.route("/socket").handler(this::agentSocket);
    // A signed-in request that matches no console route ends here: falling through to the admin sub-router
    // would answer "missing admin token", which is not what happened.
    api.route().handler(ctx -> Responses.error(ctx, 404, "no such console route (or not for this method)"));
    router.route("/api/agent/*").subRouter(api);
    // The console's address is /agent (where login sends the browser); its pages live under /agent/, behind
    // the check. (A route for /agent also matches /agent/, which goes on to the pages.)
    router.get("/agent").handler(ctx -> {
      if (ctx.normalizedPath().equals("/agent")) {
        ctx.response().setStatusCode(303).putHeader("Location", "/agent/").end();
      } else {
        ctx.next();
      }
    });
    router.route("/agent/*").subRouter(pages);
  }

  /** The console's live socket: the session check before it has vouched for the agent. */
  private void agentSocket(io.vertx.ext.web.RoutingContext ctx) {
    AgentPrincipal who = AgentPrincipal.of(ctx);
    String sessionId = AgentCookie.read(ctx).orElseThrow(); // the session check found it
    java.util.function.Supplier<Future<Boolean>> live = () -> stores.agentSessions()
        .touch(sessionId, console.settings().sessionIdle()).map(java.util.Optional::isPresent);
    SocketUpgrade.accept(ctx, "the console's WebSocket",
        ws -> new AgentSocket(ws, who, console.desk(), stores.chatBus(), stores.chatLog(), live).start());
  }

  private Router chatRouter(PublicAccessConfig access) {
    Router chat = Router.router(vertx);
    // Browsers may call the chat API only from the configured origins (or, with none configured, from
    // the gateway's own pages); requests without an Origin header (apps, servers, curl) are not browsers.
    if (access.allowedOrigins().isEmpty()) {
      chat.route().handler(PublicGuards.sameOriginOnly());
    } else {
      chat.route().handler(CorsHandler.create().addOrigins(access.allowedOrigins())
          .allowedMethods(Set.of(HttpMethod.POST, HttpMethod.GET))
          .allowedHeaders(Set.of("Content-Type", ChatRoutes.SECRET_HEADER, PhotoRoutes.ID_HEADER))
          .maxAgeSeconds(600));
    }
    new ChatRoutes(chatService, Clock.systemUTC(), stores.chats(), credentials, limits.clients(), limits.perConversation(),
        limits.newConversations(), access.firstTurnLifetime(), config.sessionIdleTimeout())
        .mount(chat, List.of(PublicGuards.perAddress(limits.clients(), limits.perAddress()), PublicGuards.requireJson(),
            BodyHandler.create(false).setBodyLimit(ChatRoutes.BODY_LIMIT)));
    new PhotoRoutes(vertx, chatService, stores.chats(), stores.blobs(), config, limits).mount(chat);
    return chat;
  }

  /** Stops accepting, lets requests in flight finish (up to the grace period), then closes. */
  @Override
  public Future<?> stop() {
    Future<Void> stopped = server == null ? Future.succeededFuture()
        : server.shutdown(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    return stopped.eventually(() -> passwordChecks == null ? Future.succeededFuture() : passwordChecks.close());
  }

  public int actualPort() {
    return server.actualPort();
  }

  public com.furnishcare.intake.agent.AgentDesk agentDesk() {
    return console.desk();
  }

  /** The routes as mounted, so a test can walk every one of them. */
  public Router router() {
    return router;
  }
}
