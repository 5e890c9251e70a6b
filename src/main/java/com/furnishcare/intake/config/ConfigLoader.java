package com.furnishcare.intake.config;

import com.furnishcare.intake.faq.FaqThresholds;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import com.furnishcare.intake.dialog.model.ServiceHours;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads configuration from environment variables; an optional YAML file named by
 * {@code GATEWAY_CONFIG_FILE} supplies values the environment does not set. Every value is checked
 * here, once, so a typo stops start-up with the variable's name instead of failing later.
 */
public final class ConfigLoader {

  public static final String CONFIG_FILE = "GATEWAY_CONFIG_FILE";

  /** Every key the gateway understands; a YAML key outside this set is a typo and stops start-up. */
  static final Set<String> KNOWN_KEYS = Variables.LOADED;

  private final Map<String, String> values;
  private final DataSourceResolver data;
  private final List<DataSource> dataSources = new ArrayList<>();

  private ConfigLoader(Map<String, String> values, DataSourceResolver data) {
    this.values = values;
    this.data = data;
  }

  /**
   * Loads from the given environment (pass {@code System.getenv()} in production); dialogs, knowledge base
   * and config files come from the variables, the working directory or the jar's built-in copy.
   */
  public static GatewayConfig load(Map<String, String> environment) {
    return load(environment, DataSourceResolver.standard());
  }

  public static GatewayConfig load(Map<String, String> environment, DataSourceResolver data) {
    return new ConfigLoader(values(environment), data).build();
  }

  /**
   * The values the gateway would use, before defaults: {@code GATEWAY_CONFIG_FILE}'s, overridden by the
   * environment's; only known keys.
   */
  public static Map<String, String> values(Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>();
    String file = environment.get(CONFIG_FILE);
    if (file != null && !file.isBlank()) {
      merged.putAll(readYaml(Path.of(file)));
    }
    environment.forEach((key, value) -> {
      if (KNOWN_KEYS.contains(key)) {
        merged.put(key, value);
      }
    });
    return merged;
  }

  private GatewayConfig build() {
    WeChatConfig wechat = new WeChatConfig(
        text("WECHAT_TOKEN"),
        text("WECHAT_APP_ID"),
        aesKey("WECHAT_AES_KEY"),
        text("WECHAT_SECRET"),
        httpUrl("WECHAT_API_BASE", "https://api.weixin.qq.com"),
        longIn("WECHAT_TIMESTAMP_TOLERANCE_S", 300, 0, 86_400),
        (int) longIn("WECHAT_REPLY_BYTE_LIMIT", 2048, 200, 2048),
        text("WECHAT_STATUS_TEMPLATE_ID"));
    if (wechat.aesKey().isPresent() && wechat.token().isEmpty()) {
      throw new ConfigException("WECHAT_AES_KEY is set but WECHAT_TOKEN is not: safe mode needs both");
    }
    if (wechat.aesKey().isPresent() && wechat.appId().isEmpty()) {
      throw new ConfigException("WECHAT_AES_KEY is set but WECHAT_APP_ID is not: safe-mode replies carry the AppID");
    }
    if (wechat.secret().isPresent() && wechat.appId().isEmpty()) {
      throw new ConfigException("WECHAT_SECRET is set but WECHAT_APP_ID is not: access tokens need both");
    }
    TicketingConfig ticketing = ticketing();
    Path dialogs = dataFile("dialogs", "GATEWAY_DIALOGS_DIR", "dialogs", DataSourceResolver.Kind.DIRECTORY);
    FaqConfig faq = faq();
    return new GatewayConfig(
        text("GATEWAY_HTTP_HOST").orElse("0.0.0.0"),
        (int) longIn("GATEWAY_HTTP_PORT", 8080, 0, 65_535),
        (int) longIn("GATEWAY_HTTP_INSTANCES", Runtime.getRuntime().availableProcessors(), 1, 64),
        Path.of(text("GATEWAY_DATA_DIR").orElse("./data")),
        redisTarget(),
        text("GATEWAY_ADMIN_TOKEN").map(token -> minLength("GATEWAY_ADMIN_TOKEN", token, 16)),
        (int) longIn("GATEWAY_BODY_LIMIT_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
        Duration.ofMillis(longIn("GATEWAY_REPLY_BUDGET_MS", 4000, 100, 4900)),
        Duration.ofSeconds(longIn("SESSION_IDLE_TIMEOUT_S", 7 * 24 * 3600, 1, 365L * 24 * 3600)),
        Duration.ofSeconds(longIn("GATEWAY_SHUTDOWN_GRACE_S", 10, 0, 600)),
        dialogs,
        dataFile("grading rules", "GATEWAY_GRADING_FILE", "config/grading.yaml", DataSourceResolver.Kind.FILE),
        dataFile("dealers", "GATEWAY_DEALERS_FILE", "config/dealers.csv", DataSourceResolver.Kind.FILE),
        longIn("GATEWAY_DIALOG_RELOAD_MS", 2000, 100, 3_600_000),
        wechat,
        ticketing,
        faq,
        sms(),
        publicAccess(),
        agentDesk(),
        dataSources,
        // WeChat's own limit for an image is 10 MB; more than 50 MB is no photo of a cabinet door.
        longIn("PHOTO_MAX_BYTES", 10L * 1024 * 1024, 1024, 50L * 1024 * 1024),
        agents(),
        surveys(wechat, sms().isPresent()),
        alerts());
  }

  private SurveyConfig surveys(WeChatConfig wechat, boolean smsConfigured) {
    Optional<String> publicUrl = text("GATEWAY_PUBLIC_URL").map(u -> httpUrl("GATEWAY_PUBLIC_URL", u));
    if (publicUrl.isPresent() && !java.net.URI.create(publicUrl.get()).getRawPath().isEmpty()) {
      throw new ConfigException("GATEWAY_PUBLIC_URL must be scheme://host[:port] without a path, e.g. "
          + "https://service.brand.com; got '" + publicUrl.get() + "'");
    }
    Optional<String> wechatTemplate = text("SURVEY_WECHAT_TEMPLATE_ID");
    if (wechatTemplate.isPresent() && !wechat.outboundEnabled()) {
      throw new ConfigException("SURVEY_WECHAT_TEMPLATE_ID needs WECHAT_APP_ID and WECHAT_SECRET: template messages go through the API");
    }
    if (wechatTemplate.isPresent() && publicUrl.isEmpty()) {
      throw new ConfigException("SURVEY_WECHAT_TEMPLATE_ID needs GATEWAY_PUBLIC_URL: the message links to the survey page");
    }
    Optional<String> smsTemplate = text("SURVEY_SMS_TEMPLATE_ID");
    if (smsTemplate.isPresent() && !smsConfigured) {
      throw new ConfigException("SURVEY_SMS_TEMPLATE_ID needs SMS_PROVIDER=tencent");
    }
    // Unset means the usual 21:00-09:00; set but empty means pushes go out at any hour.
    String raw = values.containsKey("SURVEY_QUIET_HOURS") ? values.get("SURVEY_QUIET_HOURS") : "21:00-09:00";
    Optional<com.furnishcare.intake.survey.dispatch.QuietHours> quiet = raw.isBlank() ? Optional.empty()
        : Optional.of(com.furnishcare.intake.survey.dispatch.QuietHours.parse(raw, java.time.ZoneId.of("Asia/Shanghai"))
            .orElseThrow(() -> new ConfigException("SURVEY_QUIET_HOURS: '" + raw
                + "' is not HH:mm-HH:mm with two different times, e.g. 21:00-09:00 (empty: no quiet hours)")));
    return new SurveyConfig(Duration.ofDays(longIn("SURVEY_MIN_INTERVAL_DAYS", 30, 0, 365)), quiet,
        (int) longIn("SURVEY_RATE_PER_S", 20, 1, 10_000),
        Duration.ofDays(longIn("SURVEY_CODE_DAYS", 7, 1, 90)), wechatTemplate, smsTemplate, publicUrl,
        new SurveyConfig.FollowUp((int) longIn("SURVEY_LOW_SCORE", 3, 1, 4), (int) longIn("SURVEY_LOW_NPS", 6, 0, 9),
            (int) longIn("SURVEY_FOLLOWUP_LEVEL", 2, 1, 3), (int) longIn("SURVEY_FOLLOWUP_MINUTES", 60, 1, 1440)));
  }

  /** Like the accounts file: named, it must exist; the default path may be absent (no alerts then). */
  private AlertsConfig alerts() {
    Optional<String> configured = text("ALERTS_FILE");
    Path file = Path.of(configured.orElse("./config/alerts.yaml"));
    if (configured.isPresent() && !Files.isRegularFile(file)) {
      throw new ConfigException("ALERTS_FILE points to '" + file + "', which "
          + (Files.exists(file) ? "is not a regular file" : "does not exist"));
    }
    String base = httpUrl("WECOM_ROBOT_BASE_URL", AlertsConfig.REAL_ROBOT_BASE);
    if (!URI.create(base).getRawPath().isEmpty()) {
      throw new ConfigException("WECOM_ROBOT_BASE_URL must be scheme://host[:port] without a path, e.g. "
          + AlertsConfig.REAL_ROBOT_BASE + "; got '" + base + "'");
    }
    return new AlertsConfig(file, configured.isPresent(), base);
  }

  private AgentConsoleConfig agents() {
    Optional<String> configured = text("AGENTS_FILE");
    Path file = Path.of(configured.orElse("./config/agents.yaml"));
    // Named, it must be there (like the other files); the default path may be absent: no accounts then.
    if (configured.isPresent() && !Files.isRegularFile(file)) {
      throw new ConfigException("AGENTS_FILE points to '" + file + "', which "
          + (Files.exists(file) ? "is not a regular file" : "does not exist"));
    }
    return new AgentConsoleConfig(file, configured.isPresent(),
        duration("AGENT_SESSION_IDLE", Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofDays(7)),
        (int) longIn("AGENT_LOGIN_ACCOUNT_FAILURES", 5, 1, 1000),
        (int) longIn("AGENT_LOGIN_ADDRESS_FAILURES", 20, 1, 100_000),
        AgentConsoleConfig.FAILURE_WINDOW);
  }

  /** A whole number with a unit: {@code 90s}, {@code 30m}, {@code 8h} (also {@code ms} and {@code d}). */
  private Duration duration(String key, Duration fallback, Duration min, Duration max) {
    Optional<String> raw = text(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)").matcher(raw.get());
    if (!m.matches()) {
      throw new ConfigException(key + " must be a duration such as 90s, 30m or 8h, got '" + raw.get() + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration parsed = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      throw new ConfigException(key + " must be between " + min.toSeconds() + " s and " + max.toHours() + " h, got '"
          + raw.get() + "'");
    }
    return parsed;
  }

  private Path dataFile(String name, String variable, String defaultPath, DataSourceResolver.Kind kind) {
    DataSource source = data.resolve(name, variable, text(variable), defaultPath, kind);
    dataSources.add(source);
    return source.path();
  }

  private AgentDeskConfig agentDesk() {
    // Unset means the usual 09:00-21:00; set but empty means someone always answers.
    String raw = values.containsKey("AGENT_SERVICE_HOURS") ? values.get("AGENT_SERVICE_HOURS") : "09:00-21:00";
    Optional<ServiceHours> hours = raw.isBlank() ? Optional.empty() : Optional.of(ServiceHours.parse(raw)
        .orElseThrow(() -> new ConfigException("AGENT_SERVICE_HOURS: '" + raw
            + "' is not HH:mm-HH:mm with the opening before the closing, e.g. 09:00-21:00 (empty: always staffed)")));
    return new AgentDeskConfig(hours,
        Duration.ofSeconds(longIn("AGENT_FIRST_RESPONSE_S", 900, 1, 7L * 24 * 3600)),
        Duration.ofSeconds(longIn("AGENT_OWNER_TIMEOUT_S", 120, 10, 24L * 3600)));
  }

  private PublicAccessConfig publicAccess() {
    // An origin is exactly scheme://host[:port]: a path or a wildcard would silently never match a browser's Origin.
    List<String> origins = commaList("CHAT_ALLOWED_ORIGINS", o -> o.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?"),
        "is not an origin; list scheme://host[:port] values separated by commas, e.g. https://www.brand.com");
    // IP literals or CIDR networks only: a host name would need DNS, and would be spoofable through it.
    List<String> proxies = commaList("GATEWAY_TRUSTED_PROXIES", ConfigLoader::ipOrNetwork,
        "is not an IP address or CIDR network (e.g. 10.0.0.5, 10.0.0.0/8, fd00::/8)");
    return new PublicAccessConfig(
        (int) longIn("RATE_LIMIT_IP_PER_S", 10, 1, 100_000),
        (int) longIn("RATE_LIMIT_IP_BURST", 40, 1, 1_000_000),
        (int) longIn("RATE_LIMIT_CONVERSATION_PER_MIN", 30, 1, 100_000),
        (int) longIn("RATE_LIMIT_CONVERSATION_BURST", 10, 1, 100_000),
        (int) longIn("RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN", 10, 1, 1_000_000),
        Duration.ofSeconds(longIn("CHAT_FIRST_TURN_TTL_S", 1800, 60, 7L * 24 * 3600)),
        Duration.ofSeconds(longIn("GATEWAY_IDLE_TIMEOUT_S", 30, 1, 3600)),
        Duration.ofSeconds(longIn("GATEWAY_BODY_TIMEOUT_S", 10, 1, 600)),
        origins,
        proxies);
  }

  /** A comma-separated list; blank items are skipped, any other item must pass {@code valid}. */
  private List<String> commaList(String key, java.util.function.Predicate<String> valid, String whyNot) {
    List<String> items = new ArrayList<>();
    for (String raw : text(key).orElse("").split(",")) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      if (!valid.test(item)) {
        throw new ConfigException(key + ": '" + item + "' " + whyNot);
      }
      items.add(item);
    }
    return items;
  }

  private static boolean ipOrNetwork(String value) {
    int slash = value.indexOf('/');
    String ip = slash < 0 ? value : value.substring(0, slash);
    boolean v4 = io.netty.util.NetUtil.isValidIpV4Address(ip);
    boolean v6 = !v4 && io.netty.util.NetUtil.isValidIpV6Address(ip);
    boolean prefixOk = slash < 0 || value.substring(slash + 1).matches("\\d{1,3}")
        && Integer.parseInt(value.substring(slash + 1)) <= (v4 ? 32 : 128);
    return (v4 || v6) && prefixOk;
  }

  private Optional<SmsConfig> sms() {
    String provider = text("SMS_PROVIDER").orElse("none");
    if (provider.equals("none")) {
      return Optional.empty();
    }
    if (!provider.equals("tencent")) {
      throw new ConfigException("SMS_PROVIDER must be none or tencent; got '" + provider + "'");
    }
    for (String key : new String[] {"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "SMS_SDK_APP_ID",
        "SMS_SIGN_NAME", "SMS_STATUS_TEMPLATE_ID"}) {
      if (text(key).isEmpty()) {
        throw new ConfigException(key + " is required when SMS_PROVIDER=tencent");
      }
    }
    Optional<String> replyToken = text("SMS_REPLY_TOKEN").map(t -> minLength("SMS_REPLY_TOKEN", t, 16));
    if (replyToken.isPresent() && !replyToken.get().matches("[A-Za-z0-9_-]+")) {
      throw new ConfigException("SMS_REPLY_TOKEN goes into the callback URL: use letters, digits, '-' and '_' only");
    }
    return Optional.of(new SmsConfig(text("TENCENTCLOUD_SECRET_ID").get(), text("TENCENTCLOUD_SECRET_KEY").get(),
        text("SMS_SDK_APP_ID").get(), text("SMS_SIGN_NAME").get(), text("SMS_REGION").orElse("ap-guangzhou"),
        smsApiBase(), text("SMS_API_PROXY").map(p -> httpUrl("SMS_API_PROXY", p)), text("SMS_STATUS_TEMPLATE_ID").get(),
        text("SMS_RESOLUTION_TEMPLATE_ID").orElse(""), replyToken, (int) longIn("SMS_REPLY_MAX_ITEMS", 100, 1, 1000),
        chatLinkTemplateId(replyToken.isPresent())));
  }

  /** The link SMS answers an SMS, so it needs the reply callback that brings one in. */
  private String chatLinkTemplateId(boolean repliesAccepted) {
    Optional<String> id = text("SMS_CHAT_LINK_TEMPLATE_ID");
    if (id.isPresent() && !repliesAccepted) {
      throw new ConfigException("SMS_CHAT_LINK_TEMPLATE_ID needs SMS_REPLY_TOKEN: the link answers an SMS the reply callback received");
    }
    return id.orElse("");
  }

  private FaqConfig faq() {
    FaqThresholds defaults = FaqThresholds.DEFAULTS;
    double answer = fraction("FAQ_ANSWER_CONFIDENCE", defaults.answer());
    double choices = fraction("FAQ_CHOICES_CONFIDENCE", defaults.choices());
    if (choices > answer) {
      throw new ConfigException("FAQ_CHOICES_CONFIDENCE (" + choices + ") must not be above FAQ_ANSWER_CONFIDENCE ("
          + answer + "): below the choices threshold nothing is offered, above the answer threshold the answer is given");
    }
    return new FaqConfig(dataFile("knowledge base", "FAQ_DIR", "knowledge-base", DataSourceResolver.Kind.DIRECTORY),
        answer, choices,
        fraction("FAQ_ANSWER_MARGIN", defaults.margin()));
  }

  /** Tencent's TC3 signature names the service by the host's first label: it must be sms.*. */
  private String smsApiBase() {
    String base = httpUrl("SMS_API_BASE", "https://sms.tencentcloudapi.com");
    if (!URI.create(base).getHost().startsWith("sms.")) {
      throw new ConfigException("SMS_API_BASE must name an sms.* host (e.g. https://sms.tencentcloudapi.com): "
          + "the request signature is bound to it; got '" + base + "'");
    }
    return base;
  }

  private double fraction(String key, double fallback) {
    Optional<String> raw = text(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double parsed = Double.parseDouble(raw.get());
      if (parsed >= 0 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + " must be a number between 0 and 1, got '" + raw.get() + "'");
  }

  private TicketingConfig ticketing() {
    String sink = text("TICKET_SINK").orElse("embedded");
    if (!sink.equals("embedded") && !sink.equals("webhook") && !sink.equals("rt")) {
      throw new ConfigException("TICKET_SINK must be one of: embedded, webhook, rt; got '" + sink + "'");
    }
    Optional<TicketingConfig.RequestTracker> rt = Optional.empty();
    if (sink.equals("rt")) {
      if (text("RT_URL").isEmpty()) {
        throw new ConfigException("RT_URL is required when TICKET_SINK=rt");
      }
      Optional<String> token = text("RT_TOKEN");
      Optional<String> user = text("RT_USER");
      Optional<String> password = text("RT_PASSWORD");
      if (token.isEmpty() && (user.isEmpty() || password.isEmpty())) {
        throw new ConfigException("RT_TOKEN, or RT_USER and RT_PASSWORD, are required when TICKET_SINK=rt");
      }
      rt = Optional.of(new TicketingConfig.RequestTracker(httpUrl("RT_URL", ""), token, user, password,
          text("RT_QUEUE").orElse("General"), dataFile("RT routing", "RT_ROUTING_FILE", "config/rt-routing.yaml", DataSourceResolver.Kind.FILE),
          Duration.ofMillis(longIn("RT_POLL_INTERVAL_MS", 30_000, 100, 3_600_000))));
    }
    Optional<String> url = text("TICKET_WEBHOOK_URL");
    Optional<String> secret = text("TICKET_WEBHOOK_SECRET");
    if (sink.equals("webhook")) {
      if (url.isEmpty()) {
        throw new ConfigException("TICKET_WEBHOOK_URL is required when TICKET_SINK=webhook");
      }
      httpUrl("TICKET_WEBHOOK_URL", url.get());
      if (secret.isEmpty() || secret.get().length() < 16) {
        throw new ConfigException("TICKET_WEBHOOK_SECRET must be set (16+ characters) when TICKET_SINK=webhook");
      }
    }
    Duration base = Duration.ofMillis(longIn("OUTBOX_BASE_DELAY_MS", 1000, 10, 3_600_000));
    Duration max = Duration.ofMillis(longIn("OUTBOX_MAX_DELAY_MS", 600_000, 10, 86_400_000));
    if (max.compareTo(base) < 0) {
      throw new ConfigException("OUTBOX_MAX_DELAY_MS must not be smaller than OUTBOX_BASE_DELAY_MS");
    }
    // 24, not 8: with the default back-off (1 s doubling, capped at 10 min, equal jitter) the 8th attempt came
    // 63-127 s after the first, so an RT restart or upgrade of a few minutes made every ticket filed meanwhile a
    // dead letter that waits for an admin (RequestTrackerAwayTest: 20 of 20 in a 10-minute outage). The 24th
    // attempt comes at least 73 min (at most 147 min) after the first, so an outage of about an hour heals itself.
    return new TicketingConfig(sink, url, secret, (int) longIn("OUTBOX_MAX_ATTEMPTS", 24, 1, 1000), base, max,
        Duration.ofMillis(longIn("OUTBOX_RELAY_INTERVAL_MS", 500, 10, 60_000)),
        // At least 12 s: longer than a webhook delivery may take (10 s timeout), or a slow delivery is sent twice.
        Duration.ofMillis(longIn("OUTBOX_LEASE_MS", 60_000, 12_000, 3_600_000)), rt);
  }

  private Optional<String> text(String key) {
    if (!KNOWN_KEYS.contains(key)) {
      // Caught by any test that loads a configuration: a new variable must be listed in Variables.
      throw new IllegalStateException(key + " is read but not listed in Variables.ALL");
    }
    String value = values.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private long longIn(String key, long fallback, long min, long max) {
    Optional<String> raw = text(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number between " + min + " and " + max
          + ", got '" + raw.get() + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + parsed);
    }
    return parsed;
  }

  private String httpUrl(String key, String fallback) {
    String raw = text(key).orElse(fallback);
    try {
      URI uri = new URI(raw);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(key + " must be an http(s) URL, got '" + raw + "'");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(key + " must be an http(s) URL, got '" + raw + "'");
    }
    return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
  }

  /**
   * REDIS_URL (one server, or any node of a Redis Cluster: the gateway asks it) or REDIS_CLUSTER_NODES (the
   * nodes of a cluster, comma-separated redis:// URLs), not both; the nodes come out comma-joined, which is how
   * {@code RedisStores.open} tells a node list.
   */
  private Optional<String> redisTarget() {
    Optional<String> url = redisUrl("REDIS_URL");
    Optional<String> nodes = text("REDIS_CLUSTER_NODES").map(raw -> {
      List<String> checked = new ArrayList<>();
      for (String part : raw.split(",")) {
        if (!part.isBlank()) {
          checked.add(checkedRedisUrl("REDIS_CLUSTER_NODES", part.strip()));
        }
      }
      if (checked.isEmpty()) {
        throw new ConfigException("REDIS_CLUSTER_NODES must list redis://host:port URLs separated by commas");
      }
      return String.join(",", checked);
    });
    if (url.isPresent() && nodes.isPresent()) {
      throw new ConfigException("REDIS_CLUSTER_NODES and REDIS_URL are both set: set one (REDIS_URL may name any"
          + " node of a cluster)");
    }
    return nodes.isPresent() ? nodes : url;
  }

  private Optional<String> redisUrl(String key) {
    return text(key).map(raw -> checkedRedisUrl(key, raw));
  }

  private static String checkedRedisUrl(String key, String raw) {
    try {
      URI uri = new URI(raw);
      if (!("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new ConfigException(key + " must look like redis://host:port/db, got '" + raw + "'");
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(key + " must look like redis://host:port/db, got '" + raw + "'");
    }
    return raw;
  }

  /** WeChat's EncodingAESKey is 43 base64 characters that decode (with '=' added) to a 32-byte AES key. */
  private Optional<String> aesKey(String key) {
    return text(key).map(raw -> {
      byte[] decoded;
      try {
        decoded = raw.length() == 43 ? Base64.getDecoder().decode(raw + "=") : new byte[0];
      } catch (IllegalArgumentException e) {
        decoded = new byte[0];
      }
      if (decoded.length != 32) {
        throw new ConfigException(key + " must be the 43-character EncodingAESKey from the WeChat console");
      }
      return raw;
    });
  }

  private static String minLength(String key, String value, int min) {
    if (value.length() < min) {
      throw new ConfigException(key + " must be at least " + min + " characters long");
    }
    return value;
  }

  private static Map<String, String> readYaml(Path path) {
    Object parsed;
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new ConfigException(CONFIG_FILE + " points to '" + path + "', which cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ConfigException(CONFIG_FILE + " '" + path + "' is not valid YAML: " + e.getMessage());
    }
    if (parsed == null) {
      return Map.of();
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new ConfigException(CONFIG_FILE + " '" + path + "' must be a mapping of VARIABLE: value");
    }
    Map<String, String> result = new HashMap<>();
    map.forEach((k, v) -> {
      String key = String.valueOf(k);
      if (!KNOWN_KEYS.contains(key)) {
        throw new ConfigException(CONFIG_FILE + " '" + path + "' has unknown key '" + key + "'");
      }
      if (v instanceof Map || v instanceof Iterable) {
        throw new ConfigException(key + " in '" + path + "' must be a single value");
      }
      result.put(key, v == null ? "" : String.valueOf(v));
    });
    return result;
  }
}
