package com.furnishcare.intake.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every variable the gateway reads, in one table: {@link ConfigLoader} accepts exactly these, {@code --help}
 * lists them and {@code --check} prints them (masking the secret ones). A variable the loader reads but
 * this table lacks fails every configuration load, so a new one cannot be left out of the help.
 */
public final class Variables {

  public static final List<Variable> ALL = List.of(
      Variable.environmentOnly(ConfigLoader.CONFIG_FILE, "–", "a YAML file of VARIABLE: value pairs; the environment wins"),
      Variable.environmentOnly("GATEWAY_LOG_LEVEL", "INFO", "root log level"),
      Variable.setting("GATEWAY_HTTP_PORT", "8080", "listen port; 0 = any free port (the chosen port is logged)"),
      Variable.setting("GATEWAY_HTTP_HOST", "0.0.0.0", "listen address"),
      Variable.setting("GATEWAY_HTTP_INSTANCES", "number of cores", "HTTP verticles (event loops) sharing the port"),
      Variable.setting("GATEWAY_DATA_DIR", "./data", "embedded store (SQLite file gateway.db)"),
      Variable.setting("REDIS_URL", "–", "redis://host:port/db; when set, conversations, tickets and the outbox live in Redis"),
      Variable.setting("REDIS_CLUSTER_NODES", "–", "redis://host:port,redis://host:port,…: the nodes of a Redis Cluster (instead of REDIS_URL, which may also name any one node)"),
      Variable.secret("GATEWAY_ADMIN_TOKEN", "bearer token for /api/** (16+ chars); without it the admin API answers 503"),
      Variable.setting("GATEWAY_BODY_LIMIT_BYTES", "65536", "larger request bodies get 413"),
      Variable.setting("GATEWAY_REPLY_BUDGET_MS", "4000", "a WeChat reply not ready by then is answered success and pushed later"),
      Variable.setting("SESSION_IDLE_TIMEOUT_S", "604800", "an untouched conversation is forgotten after this"),
      Variable.setting("GATEWAY_SHUTDOWN_GRACE_S", "10", "on SIGTERM, requests in flight get this long to finish"),
      Variable.setting("GATEWAY_DIALOGS_DIR", "./dialogs, else the built-in copy",
          "flows, vocabulary and menu (YAML); edits are picked up without a restart"),
      Variable.setting("GATEWAY_GRADING_FILE", "./config/grading.yaml, else the built-in copy",
          "ticket levels, deadlines and grading rules"),
      Variable.setting("GATEWAY_DEALERS_FILE", "./config/dealers.csv, else the built-in copy", "order -> dealer/region lookup"),
      Variable.setting("GATEWAY_DIALOG_RELOAD_MS", "2000", "how often dialog and knowledge-base files are checked for edits"),
      Variable.setting("TICKET_SINK", "embedded", "where tickets go: embedded, webhook or rt"),
      Variable.setting("TICKET_WEBHOOK_URL", "–", "with webhook: the receiver"),
      Variable.secret("TICKET_WEBHOOK_SECRET", "with webhook: the HMAC key (16+ chars)"),
      Variable.setting("OUTBOX_MAX_ATTEMPTS", "24", "deliveries tried before a ticket becomes a dead letter"),
      Variable.setting("OUTBOX_BASE_DELAY_MS", "1000", "back-off base of ticket delivery retries"),
      Variable.setting("OUTBOX_MAX_DELAY_MS", "600000", "longest wait between ticket delivery retries"),
      Variable.setting("OUTBOX_RELAY_INTERVAL_MS", "500", "how often the relay looks for due deliveries"),
      Variable.setting("OUTBOX_LEASE_MS", "60000", "how long a delivery taken by a relay is its own (12000 or more): "
          + "after a crash it is sent again once this has passed"),
      Variable.setting("RT_URL", "–", "with rt: Request Tracker's base URL (REST 2.0 under /REST/2.0/)"),
      Variable.secret("RT_TOKEN", "with rt: an RT auth token (or RT_USER + RT_PASSWORD)"),
      Variable.setting("RT_USER", "–", "with rt: user name, when no RT_TOKEN"),
      Variable.secret("RT_PASSWORD", "with rt: password of RT_USER"),
      Variable.setting("RT_QUEUE", "General", "with rt: the queue for dealers the routing file does not name"),
      Variable.setting("RT_ROUTING_FILE", "./config/rt-routing.yaml, else the built-in copy",
          "with rt: dealer -> queue/owner mapping"),
      Variable.setting("RT_POLL_INTERVAL_MS", "30000", "with rt: how often RT is asked for status changes"),
      Variable.secret("WECHAT_TOKEN", "the official account's Token; enables /wechat"),
      Variable.setting("WECHAT_APP_ID", "–", "AppID (needed for safe mode and outbound calls)"),
      Variable.secret("WECHAT_AES_KEY", "EncodingAESKey (43 chars); enables compatible and safe mode"),
      Variable.secret("WECHAT_SECRET", "AppSecret; with the AppID enables customer-service pushes"),
      Variable.setting("WECHAT_API_BASE", "https://api.weixin.qq.com", "WeChat API host"),
      Variable.setting("WECHAT_TIMESTAMP_TOLERANCE_S", "300", "reject callbacks whose timestamp is further off; 0 = off"),
      Variable.setting("WECHAT_REPLY_BYTE_LIMIT", "2048", "longer replies are split (the rest is pushed)"),
      Variable.setting("WECHAT_STATUS_TEMPLATE_ID", "–", "template for status messages outside the 48-hour window"),
      Variable.setting("FAQ_DIR", "./knowledge-base, else the built-in copy",
          "FAQ entries, synonyms and stop words; edits are picked up without a restart"),
      Variable.setting("FAQ_ANSWER_CONFIDENCE", "0.6", "the top hit's confidence (0..1) needed to answer directly"),
      Variable.setting("FAQ_CHOICES_CONFIDENCE", "0.3", "below this nothing fits; between the two the top 3 are offered"),
      Variable.setting("FAQ_ANSWER_MARGIN", "0.1", "a direct answer also needs the runner-up this far behind"),
      Variable.setting("SMS_PROVIDER", "none", "tencent: status SMS and the SMS reply callback"),
      Variable.secret("TENCENTCLOUD_SECRET_ID", "with tencent: API credential id"),
      Variable.secret("TENCENTCLOUD_SECRET_KEY", "with tencent: API credential key"),
      Variable.setting("SMS_SDK_APP_ID", "–", "with tencent: the SMS application"),
      Variable.setting("SMS_SIGN_NAME", "–", "with tencent: the approved signature"),
      Variable.setting("SMS_REGION", "ap-guangzhou", "with tencent: API region"),
      Variable.setting("SMS_API_BASE", "https://sms.tencentcloudapi.com", "with tencent: API host (an sms.* host)"),
      Variable.setting("SMS_API_PROXY", "–", "with tencent: egress HTTP proxy"),
      Variable.setting("SMS_STATUS_TEMPLATE_ID", "–", "with tencent: approved status template"),
      Variable.setting("SMS_RESOLUTION_TEMPLATE_ID", "–", "with tencent: approved 'solved? reply 1 or 2' template (optional)"),
      Variable.secret("SMS_REPLY_TOKEN", "16+ letters/digits: the secret path of the reply callback"),
      Variable.setting("SMS_REPLY_MAX_ITEMS", "100", "most replies one reply callback may carry"),
      Variable.setting("SMS_CHAT_LINK_TEMPLATE_ID", "–",
          "with tencent and a reply token: approved template carrying a web-chat link code; an SMS matching no ticket then starts a chat"),
      Variable.setting("AGENT_SERVICE_HOURS", "09:00-21:00",
          "when agents answer (China time); outside them a hand-over files a ticket and says when; empty = always"),
      Variable.setting("AGENT_FIRST_RESPONSE_S", "900", "a hand-over without a ticket must be answered by a person within this"),
      Variable.setting("AGENT_OWNER_TIMEOUT_S", "120", "a conversation whose agent's console is gone this long returns to the queue"),
      Variable.setting("RATE_LIMIT_IP_PER_S", "10", "chat requests per second from one client address"),
      Variable.setting("RATE_LIMIT_IP_BURST", "40", "chat requests one address may send at once"),
      Variable.setting("RATE_LIMIT_CONVERSATION_PER_MIN", "30", "messages per minute into one web-chat conversation"),
      Variable.setting("RATE_LIMIT_CONVERSATION_BURST", "10", "messages one web-chat conversation may send at once"),
      Variable.setting("RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN", "10", "web-chat conversations one address may start per minute"),
      Variable.setting("CHAT_FIRST_TURN_TTL_S", "1800", "a web chat that never got past its first message is forgotten after this"),
      Variable.setting("GATEWAY_IDLE_TIMEOUT_S", "30", "a connection that sends nothing for this long is closed"),
      Variable.setting("GATEWAY_BODY_TIMEOUT_S", "10", "a request body not fully arrived by then gets 408"),
      Variable.setting("PHOTO_MAX_BYTES", "10485760 (10 MB)",
          "largest photo kept (web upload or WeChat image); a larger upload gets 413"),
      Variable.setting("CHAT_ALLOWED_ORIGINS", "– (the gateway's own origin)",
          "comma-separated browser origins whose pages may call the chat API"),
      Variable.setting("GATEWAY_TRUSTED_PROXIES", "– (none)",
          "comma-separated addresses or CIDR networks of reverse proxies; X-Forwarded-For is believed only from them"),
      Variable.setting("AGENTS_FILE", "./config/agents.yaml, else no accounts",
          "console accounts (username, displayName, role, dealer, passwordHash); edits are picked up without a restart"),
      Variable.setting("AGENT_SESSION_IDLE", "30m", "a console session unused this long ends (90s, 30m, 8h)"),
      Variable.setting("AGENT_LOGIN_ACCOUNT_FAILURES", "5",
          "failed console logins one username may have in 15 minutes; then 429 until the window ends"),
      Variable.setting("AGENT_LOGIN_ADDRESS_FAILURES", "20",
          "failed console logins one client address may have in 15 minutes; then 429 until the window ends"),
      Variable.setting("GATEWAY_PUBLIC_URL", "–",
          "the gateway's address as homeowners reach it (https://service.brand.com), for links to the survey page"),
      Variable.setting("SURVEY_QUIET_HOURS", "21:00-09:00",
          "no survey is pushed in these hours (China time); a due one waits for the morning. Empty = none"),
      Variable.setting("SURVEY_MIN_INTERVAL_DAYS", "30", "at most one survey per homeowner (phone or WeChat account) in this many days; 0 = no limit"),
      Variable.setting("SURVEY_RATE_PER_S", "20", "most surveys sent per second (per gateway process)"),
      Variable.setting("SURVEY_CODE_DAYS", "7", "a survey page code (/s/{code}) expires after this many days"),
      Variable.setting("SURVEY_LOW_SCORE", "3", "a 1-5 survey answer at or below this (or a lukewarm word) gets a follow-up ticket and a person"),
      Variable.setting("SURVEY_LOW_NPS", "6", "a 0-10 recommendation at or below this gets a follow-up ticket and a person"),
      Variable.setting("SURVEY_FOLLOWUP_LEVEL", "2", "the level (1-3) of a survey follow-up ticket"),
      Variable.setting("SURVEY_FOLLOWUP_MINUTES", "60", "a survey follow-up must be answered by a person within this"),
      Variable.setting("SURVEY_WECHAT_TEMPLATE_ID", "–",
          "needs API access and GATEWAY_PUBLIC_URL: template message inviting a WeChat follower to the survey page"),
      Variable.setting("SURVEY_SMS_TEMPLATE_ID", "–",
          "with tencent: approved SMS template whose one variable is the survey page code (6 characters)"),
      Variable.setting("ALERTS_FILE", "./config/alerts.yaml, else no alerts",
          "WeCom group robots per dealer/region/headquarters, SLA warning lead, digest time, alert kinds and wording; edits are picked up without a restart"),
      Variable.setting("WECOM_ROBOT_BASE_URL", AlertsConfig.REAL_ROBOT_BASE,
          "where robot messages are posted (/cgi-bin/webhook/send?key=...); a proxy or a test's fake"));

  private static final Map<String, Variable> BY_NAME = ALL.stream()
      .collect(Collectors.toMap(Variable::name, v -> v, (a, b) -> {
        throw new IllegalStateException("variable listed twice: " + a.name());
      }, LinkedHashMap::new));

  /** The keys the loader accepts from the environment and the YAML file. */
  static final Set<String> LOADED = ALL.stream().filter(v -> !v.environmentOnly()).map(Variable::name)
      .collect(Collectors.toUnmodifiableSet());

  private Variables() {}

  public static Optional<Variable> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
