package com.furnishcare.intake;

import com.furnishcare.intake.channel.wechat.WeChatCallback;
import com.furnishcare.intake.agent.AgentDesk;
import com.furnishcare.intake.alert.AlertBook;
import com.furnishcare.intake.alert.Alerts;
import com.furnishcare.intake.agent.AgentNews;
import com.furnishcare.intake.agent.AuditTrail;
import com.furnishcare.intake.agent.OutsideWindowRoutes;
import com.furnishcare.intake.core.ConversationKey;
import java.util.function.BiFunction;
import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.agent.Handover;
import com.furnishcare.intake.agent.Transcripts;
import com.furnishcare.intake.chat.ChatLogPushSender;
import com.furnishcare.intake.chat.ChatService;
import com.furnishcare.intake.chat.ChatWriter;
import com.furnishcare.intake.channel.wechat.WeChatMedia;
import com.furnishcare.intake.channel.wechat.WeChatPhotos;
import com.furnishcare.intake.chat.LinkCodes;
import com.furnishcare.intake.chat.SmsChatStart;
import com.furnishcare.intake.config.SmsConfig;
import com.furnishcare.intake.config.SurveyConfig;
import com.furnishcare.intake.survey.dispatch.FirstReachableDelivery;
import com.furnishcare.intake.survey.dispatch.ReturnVisits;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.survey.dispatch.SmsSurvey;
import com.furnishcare.intake.survey.dispatch.SurveyDelivery;
import com.furnishcare.intake.survey.dispatch.SurveyDispatcher;
import com.furnishcare.intake.survey.SurveyConversation;
import com.furnishcare.intake.survey.chat.StoreSurveyRecorder;
import com.furnishcare.intake.survey.chat.SurveyingConversation;
import com.furnishcare.intake.survey.chat.WeChatChatSurvey;
import com.furnishcare.intake.survey.chat.WebChatSurvey;
import com.furnishcare.intake.config.BuiltInDefaults;
import com.furnishcare.intake.reload.SurveyBookSource;
import com.furnishcare.intake.core.Route;
import java.util.LinkedHashMap;
import com.furnishcare.intake.report.ReportService;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.nio.file.Files;
import java.nio.file.Path;
import com.furnishcare.intake.survey.dispatch.WeChatTemplateSurvey;
import java.util.ArrayList;
import com.furnishcare.intake.channel.wechat.WxJavaPushSender;
import com.furnishcare.intake.photo.PhotoIntake;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.config.TicketingConfig;
import com.furnishcare.intake.core.TicketSink;
import com.furnishcare.intake.ticket.EmbeddedSink;
import com.furnishcare.intake.ticket.OutboxRelay;
import com.furnishcare.intake.ticket.WebhookSink;
import com.furnishcare.intake.ticket.RequestTrackerSink;
import com.furnishcare.intake.ticket.TicketText;
import com.furnishcare.intake.ticket.TicketStatusUpdates;
import com.furnishcare.intake.ticket.RtStatusPoller;
import com.furnishcare.intake.ticket.RtRouting;
import com.furnishcare.intake.dialog.DialogContext;
import java.util.HashMap;
import java.util.Map;
import com.furnishcare.intake.ticket.Backoff;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.NoPushSender;
import com.furnishcare.intake.core.PushSender;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.DialogEngine;
import com.furnishcare.intake.dialog.TicketIds;
import com.furnishcare.intake.reload.DialogBookSource;
import com.furnishcare.intake.channel.sms.SmsReplyRouter;
import com.furnishcare.intake.channel.sms.SmsSurveyReplies;
import com.furnishcare.intake.channel.sms.TencentSmsReplyCallback;
import com.furnishcare.intake.channel.sms.TencentSmsSender;
import com.furnishcare.intake.ticket.StatusSms;
import com.furnishcare.intake.reload.ReloadingSource;
import com.furnishcare.intake.faq.FaqIndex;
import com.furnishcare.intake.faq.KnowledgeBaseSource;
import com.furnishcare.intake.faq.LuceneFaqSearch;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.ServiceHours;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.util.Set;
import java.util.stream.Collectors;
import com.furnishcare.intake.turn.ReplyPlan;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.blob.FileBlobStore;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.store.redis.RedisStores;
import com.furnishcare.intake.turn.ReplyShaper;
import com.furnishcare.intake.turn.SessionLifetime;
import com.furnishcare.intake.turn.TurnProcessor;
import com.furnishcare.intake.agent.AgentDirectory;
import com.furnishcare.intake.reload.AgentDirectorySource;
import com.furnishcare.intake.web.AgentConsole;
import com.furnishcare.intake.web.ChatCredentials;
import com.furnishcare.intake.web.AgentConsole;
import com.furnishcare.intake.web.HttpGatewayVerticle;
import com.furnishcare.intake.web.SurveyCatalog;
import com.furnishcare.intake.web.PublicLimits;
import com.furnishcare.intake.web.SurveyPage;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Composition root: builds stores and channels from the config and deploys the HTTP server. */
public final class Gateway {

  private final Vertx vertx;
  private final Stores stores;
  private final HttpGatewayVerticle http;
  private final String deploymentId;
  private final Optional<WxJavaPushSender> wechatSender;
  private final GatewayMetrics metrics;
  private Future<Void> stopped;

  /** The web chat answers in the HTTP response; its turns may take longer than WeChat's 5 s. */
  static final Duration WEBCHAT_BUDGET = Duration.ofSeconds(15);
  static final int WEBCHAT_REPLY_BYTES = 8192;


  private final ReloadingSource<DialogBook> dialogs;
  private final ReloadingSource<FaqIndex> knowledge;
  private final ReloadingSource<AgentDirectory> agents;
  private final ReloadingSource<SurveyBook> surveyBook;
  private final OutboxRelay relay;
  private final Optional<RtStatusPoller> poller;
  private final Optional<TencentSmsSender> sms;
  private final Optional<WeChatPhotos> photos;
  private final SurveyDispatcher surveys;
  private final Alerts alerts;
  /** The timer that returns stranded conversations to the agents' queue and updates its gauges. */
  private final long agentSweeper;
  /** Every channel's turn processor: a stop waits for their turns' tails before closing the stores. */
  private final List<TurnProcessor> turns;
  private final Duration shutdownGrace;
  static final Duration AGENT_SWEEP = Duration.ofSeconds(10);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Gateway.class);

  private Gateway(Vertx vertx, Stores stores, HttpGatewayVerticle http, String deploymentId,
      Optional<WxJavaPushSender> wechatSender, GatewayMetrics metrics, ReloadingSource<DialogBook> dialogs,
      ReloadingSource<FaqIndex> knowledge, ReloadingSource<AgentDirectory> agents, OutboxRelay relay,
      Optional<RtStatusPoller> poller, Optional<TencentSmsSender> sms, Optional<WeChatPhotos> photos,
      long agentSweeper, SurveyDispatcher surveys, ReloadingSource<SurveyBook> surveyBook, Alerts alerts,
      List<TurnProcessor> turns, Duration shutdownGrace) {
    this.turns = turns;
    this.shutdownGrace = shutdownGrace;
    this.alerts = alerts;
    this.surveyBook = surveyBook;
    this.agentSweeper = agentSweeper;
    this.surveys = surveys;
    this.agents = agents;
    this.sms = sms;
    this.photos = photos;
    this.dialogs = dialogs;
    this.knowledge = knowledge;
    this.poller = poller;
    this.relay = relay;
    this.vertx = vertx;
    this.stores = stores;
    this.http = http;
    this.deploymentId = deploymentId;
    this.wechatSender = wechatSender;
    this.metrics = metrics;
  }

  /**
   * What a test may swap: the conversation (empty = the dialog engine on {@code dialogs/}), and a
   * wrapper around the stores.
   */
  public record Parts(Optional<Conversation> conversation, UnaryOperator<Stores> storeDecorator) {
    public static Parts standard() {
      return new Parts(Optional.empty(), UnaryOperator.identity());
    }

    public static Parts withStores(UnaryOperator<Stores> decorator) {
      return new Parts(Optional.empty(), decorator);
    }

    public static Parts withConversation(Conversation conversation) {
      return new Parts(Optional.of(conversation), UnaryOperator.identity());
    }
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config) {
    return start(vertx, config, Parts.standard());
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, Parts parts) {
    Clock clock = Clock.systemUTC();
    GatewayMetrics metrics = new GatewayMetrics();
    StoreSettings settings = StoreSettings.defaults();
    // The store opens while the dialogs load and the FAQ index is built: neither needs the other, and the
    // index build (1.5-2.5 s cold) is the longest step before the gateway can listen.
    Future<Stores> stores = openStores(vertx, config, settings).map(parts.storeDecorator());
    Future<ReloadingSource<DialogBook>> dialogs = DialogBookSource.start(vertx, config.dialogsDir(),
        config.gradingFile(), config.dealersFile(), config.dialogReloadMillis());
    Future<ReloadingSource<FaqIndex>> knowledge = dialogs.compose(source -> KnowledgeBaseSource.start(vertx,
        config.faq(), () -> categories(source.get()), config.dialogReloadMillis()));
    Future<ReloadingSource<AgentDirectory>> agents = AgentDirectorySource.start(vertx, config.agents(),
        config.dealersFile(), config.dialogReloadMillis());
    Future<ReloadingSource<SurveyBook>> surveyBook = SurveyBookSource.start(vertx, surveysDir(config),
        config.dialogReloadMillis());
    Future<ReloadingSource<AlertBook>> alertBook = Alerts.loadBook(vertx, config);
    return Future.join(List.of(stores, knowledge, agents, surveyBook, alertBook)).transform(ready -> {
      if (ready.failed()) {
        // Undo whatever did start, so a failed start leaves no store open and no reload timer running.
        dialogs.onSuccess(ReloadingSource::stop);
        knowledge.onSuccess(ReloadingSource::stop);
        agents.onSuccess(ReloadingSource::stop);
        surveyBook.onSuccess(ReloadingSource::stop);
        alertBook.onSuccess(ReloadingSource::stop);
        return stores.transform(opened -> opened.succeeded() ? opened.result().close() : Future.succeededFuture())
            .transform(ignored -> Future.failedFuture(ready.cause()));
      }
      return start(vertx, config, parts, clock, metrics, stores.result(), dialogs.result(), knowledge.result(),
          agents.result(), surveyBook.result(), alertBook.result());
    });
  }

  /**
   * The surveys beside the dialogs ({@code <dialogs>/surveys}); a dialogs folder of an earlier version
   * without them gets the built-in surveys, so upgrading does not stop the gateway.
   */
  private static Path surveysDir(GatewayConfig config) {
    Path own = config.dialogsDir().resolve("surveys");
    if (Files.isDirectory(own)) {
      return own;
    }
    LOG.info("no surveys in {}: using the built-in ones", config.dialogsDir());
    return BuiltInDefaults.root().resolve("dialogs").resolve("surveys");
  }

  private static Set<String> categories(DialogBook book) {
    return book.vocabulary().categories().stream().map(Vocabulary.Term::code).collect(Collectors.toSet());
  }

  private static Future<Gateway> start(Vertx vertx, GatewayConfig config, Parts parts, Clock clock,
      GatewayMetrics metrics, Stores opened, ReloadingSource<DialogBook> source,
      ReloadingSource<FaqIndex> knowledge, ReloadingSource<AgentDirectory> agents,
      ReloadingSource<SurveyBook> surveyBook, ReloadingSource<AlertBook> alertBook) {
    FaqSearch faq = new LuceneFaqSearch(vertx, knowledge);
    return Future.succeededFuture(opened)
        .compose(stores -> {
          // Alerts watch the engine (which tickets survey answers file) and every turn's commit (raised first).
          Alerts alerts = Alerts.create(vertx, config, stores, alertBook, source, clock);
          // A survey running in a conversation answers before the engine; otherwise the engine does.
          SurveyConfig.FollowUp followUp = config.surveys().followUp();
          Conversation conversation = new SurveyingConversation(parts.conversation()
              .orElseGet(() -> new DialogEngine(source, new TicketIds(new SecureRandom()))), surveyBook,
              new StoreSurveyRecorder(stores.surveys(), Duration.ofSeconds(10)),
              new SurveyingConversation.FollowUpSettings(followUp.level(), followUp.firstResponseMinutes(),
                  followUpThresholds(followUp)));
          Optional<WxJavaPushSender> sender = config.wechat().outboundEnabled()
              ? Optional.of(WxJavaPushSender.create(vertx, config.wechat(), stores.tokens(), clock))
              : Optional.empty();
          PushSender push = sender.<PushSender>map(s -> s)
              .orElseGet(() -> new NoPushSender("WECHAT_APP_ID/WECHAT_SECRET not configured"));
          ChatWriter chatWriter = new ChatWriter(stores.chatLog(), stores.chatBus(), clock);
          AgentNews agentNews = new AgentNews(stores.chatBus());
          Handover handover = new Handover(stores.agentQueue(), stores.tickets(), agentNews,
              config.agentDesk().firstResponse());
          Optional<ServiceHours> hours = config.agentDesk().serviceHours();
          Supplier<String> apology = () -> source.get().message("turnFailed");
          // A turn that closes a ticket (whoever closed it) queues its return visit.
          SessionStore turnSessions = alerts.watching(new ReturnVisits(stores.sessions(), stores.surveys(), clock));
          TurnProcessor wechatTurns = new TurnProcessor(vertx, turnSessions, stores.tickets(), faq, conversation,
              stores.deliveries(), metrics, clock, config.replyBudget(),
              new ReplyShaper(config.wechat().replyByteLimit(), true), ReplyPlan.firstPassiveRestPushed(), push,
              ChannelName.WECHAT, SessionLifetime.idle(config.sessionIdleTimeout()), handover,
              Optional.of(new Transcripts(chatWriter)), hours, apology);
          // With API access every WeChat image is downloaded and kept (temporary media expire after 3 days).
          Optional<WeChatPhotos> photos = sender.map(s -> new WeChatPhotos(vertx, WeChatMedia.create(vertx, s),
              PhotoIntake.create(vertx, stores.blobs(), config.photoMaxBytes()), stores.blobs(), stores.deliveries(),
              clock));
          Optional<WeChatCallback> callback = config.wechat().callbackEnabled()
              ? Optional.of(new WeChatCallback(config.wechat(), wechatTurns, stores.deliveries(),
                  stores.callbackNonces(), metrics, clock, photos))
              : Optional.empty();
          TurnProcessor webchat = new TurnProcessor(vertx, turnSessions, stores.tickets(), faq, conversation,
              stores.deliveries(), metrics, clock, WEBCHAT_BUDGET, new ReplyShaper(WEBCHAT_REPLY_BYTES, false),
              ReplyPlan.allPassive(), new ChatLogPushSender(chatWriter), ChannelName.WEBCHAT,
              SessionLifetime.shortUntilSecondTurn(config.publicAccess().firstTurnLifetime(),
                  config.sessionIdleTimeout()), handover, Optional.empty(), hours, apology);
          OutboxRelay relay = new OutboxRelay(vertx, stores.outbox(), stores.tickets(), sink(vertx, config, source, stores),
              new Backoff(config.ticketing().baseDelay(), config.ticketing().maxDelay(), new SecureRandom()),
              config.ticketing().maxAttempts(), metrics, clock, config.ticketing().lease());
          relay.start(config.ticketing().relayInterval());
          alerts.start();
          Map<ChannelName, TurnProcessor> channels = Map.of(ChannelName.WECHAT, wechatTurns, ChannelName.WEBCHAT, webchat);
          Optional<TencentSmsSender> sms = config.sms().map(s -> new TencentSmsSender(vertx, s));
          Optional<StatusSms> statusSms = config.sms().map(s -> new StatusSms(vertx, sms.orElseThrow(), s,
              stores.deliveries(), clock, DialogContext.CHINA));
          TicketStatusUpdates updates = new TicketStatusUpdates(stores.tickets(), channels, clock, statusSms);
          ChatCredentials credentials = new ChatCredentials(new SecureRandom());
          ChatService chat = new ChatService(webchat, chatWriter, clock);
          Optional<SmsChatStart> smsChats = config.sms().filter(SmsConfig::chatLinksEnabled)
              .map(s -> new SmsChatStart(vertx, stores.smsChatLinks(), stores.chats(), credentials,
                  new LinkCodes(new SecureRandom()), chat, sms.orElseThrow(), s.chatLinkTemplateId(), stores.deliveries(),
                  config.sessionIdleTimeout(), clock));
          AgentDesk desk = new AgentDesk(stores.agentQueue(), chatWriter, channels, Map.of(ChannelName.WECHAT, push),
              agentNews, auditTrail(stores, clock), metrics, clock, stores.tickets(), updates,
              new OutsideWindowRoutes(sender.filter(WxJavaPushSender::hasTemplate)
                  .map(s -> (BiFunction<ConversationKey, String, Future<Void>>) s::pushTemplate), smsChats,
                  stores.tickets()));
          // Every process sweeps: the owner compare-and-set makes a case go back to the queue once.
          long sweeper = vertx.setPeriodic(AGENT_SWEEP.toMillis(), id -> desk.requeueStranded(
              config.agentDesk().ownerTimeout()).onFailure(err -> LOG.warn("agent queue sweep failed: {}", err.toString())));
          AgentConsole console = new AgentConsole(agents, config.agents(), desk, source);
          Optional<TencentSmsReplyCallback> smsReplies = config.sms().flatMap(s -> s.replyToken()
              .map(token -> new TencentSmsReplyCallback(token, s.replyMaxItems(),
                  new SmsReplyRouter(stores.tickets(), stores.sessions(), channels, !s.resolutionTemplateId().isEmpty(),
                      statusSms.orElseThrow(), clock, smsChats,
                      Optional.of(new SmsSurveyReplies(stores.surveys(), surveyBook, new SmsSurveyReplies.FollowUp(
                          followUp.level(), followUp.firstResponseMinutes(), followUpThresholds(followUp)), webchat,
                          smsChats, clock))))));
          Optional<RtStatusPoller> poller = config.ticketing().rt().map(rt -> {
            RtStatusPoller p = new RtStatusPoller(vertx, rt.url(), rt.token(), rt.user(), rt.password(), updates,
                clock, Duration.ofHours(1));
            p.start(rt.pollInterval());
            return p;
          });
          SurveyDispatcher surveys = new SurveyDispatcher(vertx, stores.surveys(),
              surveyDelivery(config, sender, sms, surveyBook, sender.map(s -> new WeChatChatSurvey(stores.sessions(),
                  wechatTurns, clock)), new WebChatSurvey(stores.smsChatLinks(), stores.chatBus(), webchat, clock)),
              surveySettings(config.surveys()), clock, metrics);
          surveys.start();
          // A low answer on the survey page is followed up in the homeowner's WeChat conversation, or (phone
          // only) in their phone number's: its turns are written where agents read them; nothing is pushed,
          // since an SMS carries only templates and the page itself tells them someone will call.
          Map<ChannelName, TurnProcessor> followUps = new HashMap<>(channels);
          followUps.computeIfAbsent(ChannelName.SMS, phoneOnly -> new TurnProcessor(vertx, alerts.watching(stores.sessions()), stores.tickets(),
              faq, conversation, stores.deliveries(), metrics, clock, config.replyBudget(),
              new ReplyShaper(WEBCHAT_REPLY_BYTES, false), ReplyPlan.allPassive(),
              new NoPushSender("SMS carries templates only; the survey page told the homeowner"), ChannelName.SMS,
              SessionLifetime.idle(config.sessionIdleTimeout()), handover, Optional.of(new Transcripts(chatWriter)),
              hours, apology));
          SurveyPage surveyPage = new SurveyPage(stores.surveys(), surveyBook, followUp, followUps, clock);
          // One report service per process: its cache of whole days is shared by every HTTP verticle.
          ReportService reports = new ReportService(vertx, stores.reports(), () -> reportLabels(source.get()),
              id -> surveyBook.get().find(id), new ReportService.LowScores(followUp.scaleAtMost(), followUp.npsAtMost()));
          reports.warm(java.time.LocalDate.now(com.furnishcare.intake.report.TicketFigures.CHINA))
              .onFailure(err -> LOG.info("report figures not read ahead: {}", err.toString()));
          // One HTTP verticle per event loop; Vert.x spreads connections on the shared port across them.
          List<HttpGatewayVerticle> instances = new CopyOnWriteArrayList<>();
          PublicLimits limits = PublicLimits.from(config.publicAccess());
          Supplier<HttpGatewayVerticle> factory = () -> {
            HttpGatewayVerticle verticle = new HttpGatewayVerticle(config, stores, metrics, callback, updates, faq,
                smsReplies, limits, credentials, chat, console, id -> surveyBook.get().find(id),
                surveyPage, reports);
            instances.add(verticle);
            return verticle;
          };
          return vertx.deployVerticle(factory, new DeploymentOptions().setInstances(config.httpInstances()))
              .map(id -> new Gateway(vertx, stores, instances.get(0), id, sender, metrics, source, knowledge, agents,
                  relay, poller, sms, photos, sweeper, surveys, surveyBook, alerts, List.copyOf(followUps.values()),
                  config.shutdownGrace()))
              .recover(err -> {
                vertx.cancelTimer(sweeper);
                surveys.stop();
                relay.stop();
                alerts.stop();
                photos.ifPresent(WeChatPhotos::close);
                poller.ifPresent(RtStatusPoller::stop);
                return stores.close().transform(ignored -> Future.failedFuture(err));
              });
        })
        .onFailure(err -> {
          source.stop();
          knowledge.stop();
          agents.stop();
          surveyBook.stop();
          alertBook.stop();
        });
  }

  /**
   * How a survey reaches the homeowner, in order: in the WeChat chat (a follower within the window), in an
   * open web-chat page of their phone, a WeChat template message, an SMS with the page code; a way not
   * configured is left out.
   */
  private static SurveyDelivery surveyDelivery(GatewayConfig config, Optional<WxJavaPushSender> wechat,
      Optional<TencentSmsSender> sms, ReloadingSource<SurveyBook> book, Optional<WeChatChatSurvey> inChat,
      WebChatSurvey inWidget) {
    List<SurveyDelivery> ways = new ArrayList<>();
    inChat.ifPresent(ways::add);
    ways.add(inWidget);
    SurveyConfig surveys = config.surveys();
    surveys.wechatTemplateId().ifPresent(template -> ways.add(new WeChatTemplateSurvey(wechat.orElseThrow(), template,
        surveys.publicUrl().orElseThrow(), id -> invitation(book.get(), id))));
    surveys.smsTemplateId().ifPresent(template -> ways.add(new SmsSurvey(sms.orElseThrow(), template)));
    return new FirstReachableDelivery(ways);
  }

  /** A survey's invitation words, all from its file and the survey messages. */
  private static WeChatTemplateSurvey.Invitation invitation(SurveyBook book, String surveyId) {
    Survey survey = book.survey(surveyId);
    return new WeChatTemplateSurvey.Invitation(survey.title(), survey.intro(), book.messages().templateRemark());
  }

  /** The reports' labels as the dialog book has them now: category names, dealers (name and region). */
  private static ReportService.Labels reportLabels(DialogBook book) {
    Map<String, String> categories = new LinkedHashMap<>();
    book.vocabulary().categories().forEach(term -> categories.put(term.code(), term.label()));
    Map<String, Route> dealers = new LinkedHashMap<>();
    book.dealers().dealerIds().forEach(id -> book.dealers().dealer(id).ifPresent(route -> dealers.put(id, route)));
    return new ReportService.Labels(categories, dealers);
  }

  /** When a survey answer calls for a person (SURVEY_LOW_*); a 9 or 10 is thanked as a promoter. */
  private static SurveyConversation.Thresholds followUpThresholds(SurveyConfig.FollowUp followUp) {
    return new SurveyConversation.Thresholds(followUp.scaleAtMost(), followUp.npsAtMost(), 9);
  }

  private static SurveyDispatcher.Settings surveySettings(SurveyConfig c) {
    return new SurveyDispatcher.Settings(c.minInterval(), c.quietHours(), c.ratePerSecond(), c.codeLifetime());
  }

  /** The desk's actions into the store's audit log; a lost line is logged, never fails the action. */
  private static AuditTrail auditTrail(Stores stores, Clock clock) {
    return (actor, action, target, detail) -> stores.audit()
        .record(new AuditEntry(actor, action, target, detail, clock.instant()))
        .onFailure(err -> LOG.warn("could not write the audit line {} {} {}: {}", actor, action, target, err.toString()));
  }

  private static TicketSink sink(Vertx vertx, GatewayConfig config, ReloadingSource<DialogBook> dialogs, Stores stores) {
    TicketingConfig t = config.ticketing();
    switch (t.sink()) {
      case "webhook":
        return new WebhookSink(vertx, t.webhookUrl().orElseThrow(), t.webhookSecret().orElseThrow());
      case "rt":
        TicketingConfig.RequestTracker rt = t.rt().orElseThrow();
        Map<String, String> labels = new HashMap<>();
        dialogs.get().vocabulary().categories().forEach(c -> labels.put(c.code(), c.label()));
        return new RequestTrackerSink(vertx, rt.url(), rt.token(), rt.user(), rt.password(),
            RtRouting.load(rt.routingFile(), rt.queue()), new TicketText(labels, DialogContext.CHINA), stores.blobs());
      default:
        return new EmbeddedSink();
    }
  }

  private static Future<Stores> openStores(Vertx vertx, GatewayConfig config, StoreSettings settings) {
    Future<Stores> stores = config.redisUrl()
        .map(url -> RedisStores.open(vertx, url, settings, "intake:"))
        .orElseGet(() -> EmbeddedStores.open(vertx, config.dataDir(), settings));
    // Photos are files under the data directory with either backend (Redis is no place for megabytes);
    // gateways sharing one Redis must share this directory too (README, "Storage").
    return stores.compose(opened -> FileBlobStore.open(vertx, config.dataDir().resolve("blobs"))
        .map(blobs -> opened.withBlobs(blobs, blobs::close))
        .recover(err -> opened.close().transform(ignored -> Future.failedFuture(err))));
  }

  public int port() {
    return http.actualPort();
  }

  /** The agents' desk, so tests can sweep the queue without waiting for its timer. */
  public AgentDesk agentDesk() {
    return http.agentDesk();
  }

  /** The survey dispatcher, so tests can run a pass without waiting for its timer. */
  public SurveyDispatcher surveyDispatcher() {
    return surveys;
  }

  /** The alerts' sender and sweeps, so tests can run a pass without waiting for their timers. */
  public Alerts alerts() {
    return alerts;
  }

  /** The relay, so tests can run a pass without waiting for its timer. */
  public OutboxRelay relay() {
    return relay;
  }

  public Stores stores() {
    return stores;
  }

  /** The HTTP routes as mounted (the first verticle's; all are alike), for tests that walk them. */
  public io.vertx.ext.web.Router router() {
    return http.router();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /**
   * Graceful stop: no new connections, no further background passes; requests in flight and the pass or
   * reload under way finish, then the push pools and the store close. Idempotent.
   */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      long deadline = System.nanoTime() + shutdownGrace.toNanos();
      vertx.cancelTimer(agentSweeper);
      Future<Void> loops = Future.join(List.of(dialogs.stop(), knowledge.stop(), agents.stop(), surveyBook.stop(),
          relay.stop(), surveys.stop(), alerts.stop(), poller.map(RtStatusPoller::stop).orElse(Future.succeededFuture()))).mapEmpty();
      stopped = vertx.undeploy(deploymentId)
          // The HTTP drain waits for answers only: a turn answered "success" past its budget still commits and
          // pushes, and an answered one still writes its transcript. Closing the stores under them lost that
          // work on every stop under load (GracefulShutdownUnderLoadIT), so they get the rest of the grace.
          .eventually(() -> turnsSettled(deadline))
          .eventually(() -> loops)
          .eventually(() -> photos.map(WeChatPhotos::close).orElse(Future.succeededFuture()))
          .eventually(() -> wechatSender.map(WxJavaPushSender::close).orElse(Future.succeededFuture()))
          .eventually(() -> sms.map(TencentSmsSender::close).orElse(Future.succeededFuture()))
          .eventually(stores::close);
    }
    return stopped;
  }

  /** Completes when every turn under way has finished its tail, or at {@code deadline} (at least 1 s on). */
  private Future<Void> turnsSettled(long deadline) {
    Promise<Void> settled = Promise.promise();
    long waitMs = Math.max(1_000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    long timer = vertx.setTimer(waitMs, id -> {
      if (settled.tryComplete()) {
        LOG.warn("turns still under way {} ms after the HTTP server stopped; closing the stores anyway", waitMs);
      }
    });
    Future.join(turns.stream().map(TurnProcessor::settled).toList()).onComplete(ar -> {
      vertx.cancelTimer(timer);
      settled.tryComplete();
    });
    return settled.future();
  }
}
