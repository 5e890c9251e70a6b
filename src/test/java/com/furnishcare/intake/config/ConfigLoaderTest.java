package com.furnishcare.intake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void emptyEnvironmentGivesARunnableEmbeddedGateway() {
    GatewayConfig config = ConfigLoader.load(Map.of());
    assertEquals(8080, config.httpPort());
    assertEquals(Path.of("./data"), config.dataDir());
    assertFalse(config.usesRedis());
    assertEquals(300, config.wechat().timestampToleranceSeconds());
    assertEquals("https://api.weixin.qq.com", config.wechat().apiBase());
    assertEquals(64 * 1024, config.bodyLimitBytes());
    assertEquals(Duration.ofSeconds(4), config.replyBudget());
    assertFalse(config.wechat().callbackEnabled());
    assertTrue(config.sms().isEmpty(), "no SMS unless configured");
  }

  @Test
  void redisClusterNodesAreCheckedAndPassedOnAsOneCommaSeparatedTarget() {
    GatewayConfig config = ConfigLoader.load(Map.of("REDIS_CLUSTER_NODES",
        " redis://10.0.0.1:7000, redis://10.0.0.2:7000 ,redis://10.0.0.3:7000"));
    assertTrue(config.usesRedis());
    assertEquals("redis://10.0.0.1:7000,redis://10.0.0.2:7000,redis://10.0.0.3:7000", config.redisUrl().orElseThrow());
    assertNamed("REDIS_CLUSTER_NODES", Map.of("REDIS_CLUSTER_NODES", "redis://10.0.0.1:7000,10.0.0.2:7000"));
    assertNamed("REDIS_CLUSTER_NODES", Map.of("REDIS_URL", "redis://10.0.0.1:7000",
        "REDIS_CLUSTER_NODES", "redis://10.0.0.1:7000"));
  }

  @Test
  void portZeroMeansAnyFreePort() {
    assertEquals(0, ConfigLoader.load(Map.of("GATEWAY_HTTP_PORT", "0")).httpPort());
  }

  @Test
  void badValuesNameTheVariable() {
    assertNamed("GATEWAY_HTTP_PORT", Map.of("GATEWAY_HTTP_PORT", "eighty"));
    assertNamed("GATEWAY_HTTP_PORT", Map.of("GATEWAY_HTTP_PORT", "70000"));
    assertNamed("REDIS_URL", Map.of("REDIS_URL", "localhost:6379"));
    assertNamed("WECHAT_API_BASE", Map.of("WECHAT_API_BASE", "ftp://example"));
    assertNamed("WECHAT_AES_KEY", Map.of("WECHAT_TOKEN", "t", "WECHAT_APP_ID", "wx1", "WECHAT_AES_KEY", "short"));
    assertNamed("WECHAT_TIMESTAMP_TOLERANCE_S", Map.of("WECHAT_TIMESTAMP_TOLERANCE_S", "-1"));
    assertNamed("GATEWAY_ADMIN_TOKEN", Map.of("GATEWAY_ADMIN_TOKEN", "short"));
    assertNamed("WECHAT_SECRET", Map.of("WECHAT_SECRET", "s"));
    assertNamed("TICKET_SINK", Map.of("TICKET_SINK", "jira"));
    assertNamed("TICKET_WEBHOOK_URL", Map.of("TICKET_SINK", "webhook"));
    assertNamed("TICKET_WEBHOOK_SECRET", Map.of("TICKET_SINK", "webhook", "TICKET_WEBHOOK_URL", "http://127.0.0.1:9/t"));
    assertNamed("OUTBOX_MAX_ATTEMPTS", Map.of("OUTBOX_MAX_ATTEMPTS", "0"));
    assertNamed("FAQ_ANSWER_CONFIDENCE", Map.of("FAQ_ANSWER_CONFIDENCE", "high"));
    assertNamed("FAQ_ANSWER_MARGIN", Map.of("FAQ_ANSWER_MARGIN", "1.5"));
    assertNamed("FAQ_CHOICES_CONFIDENCE", Map.of("FAQ_CHOICES_CONFIDENCE", "0.8", "FAQ_ANSWER_CONFIDENCE", "0.5"));
    assertNamed("SMS_PROVIDER", Map.of("SMS_PROVIDER", "twilio"));
    Map<String, String> sms = new java.util.HashMap<>(Map.of("SMS_PROVIDER", "tencent", "TENCENTCLOUD_SECRET_ID", "AKID1",
        "TENCENTCLOUD_SECRET_KEY", "key", "SMS_SDK_APP_ID", "1400000001", "SMS_SIGN_NAME", "家居售后"));
    assertNamed("SMS_STATUS_TEMPLATE_ID", sms);
    sms.put("SMS_STATUS_TEMPLATE_ID", "2000001");
    assertEquals("2000001", ConfigLoader.load(sms).sms().orElseThrow().statusTemplateId());
    sms.put("SMS_API_BASE", "https://api.example.com");
    assertNamed("SMS_API_BASE", sms);
    sms.remove("SMS_API_BASE");
    sms.put("SMS_REPLY_TOKEN", "short");
    assertNamed("SMS_REPLY_TOKEN", sms);
  }

  @Test
  void faqThresholdsDefaultToTheMeasuredOnesAndCanBeSet(@TempDir Path kb) {
    FaqConfig defaults = ConfigLoader.load(Map.of()).faq();
    assertEquals(Path.of("./knowledge-base"), defaults.knowledgeBaseDir());
    assertEquals(0.6, defaults.answerConfidence());
    assertEquals(0.3, defaults.choicesConfidence());
    assertEquals(0.1, defaults.answerMargin());
    FaqConfig set = ConfigLoader.load(Map.of("FAQ_ANSWER_CONFIDENCE", "0.7", "FAQ_CHOICES_CONFIDENCE", "0.4",
        "FAQ_ANSWER_MARGIN", "0", "FAQ_DIR", kb.toString())).faq();
    assertEquals(0.7, set.answerConfidence());
    assertEquals(0.4, set.choicesConfidence());
    assertEquals(0, set.answerMargin());
    assertEquals(kb, set.knowledgeBaseDir());
  }

  @Test
  void toleranceZeroTurnsTheReplayCheckOff() {
    assertEquals(0, ConfigLoader.load(Map.of("WECHAT_TIMESTAMP_TOLERANCE_S", "0")).wechat().timestampToleranceSeconds());
  }

  @Test
  void yamlFileAddsValuesAndEnvironmentWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, "GATEWAY_HTTP_PORT: 9090\nWECHAT_TOKEN: from-file\nREDIS_URL: redis://127.0.0.1:6390\n");
    GatewayConfig config = ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE, file.toString(),
        "GATEWAY_HTTP_PORT", "9191"));
    assertEquals(9191, config.httpPort());
    assertEquals("from-file", config.wechat().token().orElseThrow());
    assertTrue(config.usesRedis());
  }

  @Test
  void yamlTypoStopsStartUp(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, "GATEWAY_HTTP_PROT: 9090\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE, file.toString())));
    assertTrue(e.getMessage().contains("GATEWAY_HTTP_PROT"), e.getMessage());
  }

  @Test
  void missingYamlFileIsAClearError(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE, dir.resolve("nope.yaml").toString())));
    assertTrue(e.getMessage().contains(ConfigLoader.CONFIG_FILE), e.getMessage());
  }

  @Test
  void publicAccessSettingsAreCheckedAndNamed() {
    assertNamed("GATEWAY_TRUSTED_PROXIES", Map.of("GATEWAY_TRUSTED_PROXIES", "proxy.internal"));
    assertNamed("GATEWAY_TRUSTED_PROXIES", Map.of("GATEWAY_TRUSTED_PROXIES", "10.0.0.0/33"));
    assertNamed("CHAT_ALLOWED_ORIGINS", Map.of("CHAT_ALLOWED_ORIGINS", "https://brand.example/chat"));
    assertNamed("RATE_LIMIT_IP_PER_S", Map.of("RATE_LIMIT_IP_PER_S", "0"));
    assertNamed("CHAT_FIRST_TURN_TTL_S", Map.of("CHAT_FIRST_TURN_TTL_S", "5"));
    var access = ConfigLoader.load(Map.of("GATEWAY_TRUSTED_PROXIES", "10.0.0.5, 10.0.0.0/8,fd00::/8",
        "CHAT_ALLOWED_ORIGINS", "https://www.brand.example,http://localhost:8080")).publicAccess();
    assertEquals(List.of("10.0.0.5", "10.0.0.0/8", "fd00::/8"), access.trustedProxies());
    assertEquals(List.of("https://www.brand.example", "http://localhost:8080"), access.allowedOrigins());
  }

  @Test
  void agentConsoleSettingsAreCheckedAndNamed(@TempDir Path dir) throws Exception {
    assertNamed("AGENTS_FILE", Map.of("AGENTS_FILE", dir.resolve("agents.yaml").toString()));
    assertNamed("AGENTS_FILE", Map.of("AGENTS_FILE", dir.toString()));
    assertNamed("AGENT_SESSION_IDLE", Map.of("AGENT_SESSION_IDLE", "30"));
    assertNamed("AGENT_SESSION_IDLE", Map.of("AGENT_SESSION_IDLE", "500ms"));
    assertNamed("AGENT_SESSION_IDLE", Map.of("AGENT_SESSION_IDLE", "8d"));
    assertNamed("AGENT_LOGIN_ACCOUNT_FAILURES", Map.of("AGENT_LOGIN_ACCOUNT_FAILURES", "0"));
    assertNamed("AGENT_LOGIN_ADDRESS_FAILURES", Map.of("AGENT_LOGIN_ADDRESS_FAILURES", "many"));
    var defaults = ConfigLoader.load(Map.of()).agents();
    assertEquals(java.time.Duration.ofMinutes(30), defaults.sessionIdle());
    assertEquals(5, defaults.accountFailures());
    assertEquals(20, defaults.addressFailures());
    assertFalse(defaults.accountsFileRequired(), "the default path may be absent");
    Path file = Files.writeString(dir.resolve("agents.yaml"), "[]\n");
    var named = ConfigLoader.load(Map.of("AGENTS_FILE", file.toString(), "AGENT_SESSION_IDLE", "8h")).agents();
    assertEquals(file, named.accountsFile());
    assertTrue(named.accountsFileRequired());
    assertEquals(java.time.Duration.ofHours(8), named.sessionIdle());
  }

  private static void assertNamed(String variable, Map<String, String> env) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env));
    assertTrue(e.getMessage().startsWith(variable), "message should start with " + variable + ": " + e.getMessage());
  }

  @Test
  void surveySettingsHaveDefaultsAndBadOnesNameTheirVariable() {
    SurveyConfig defaults = ConfigLoader.load(Map.of()).surveys();
    assertEquals(java.time.Duration.ofDays(30), defaults.minInterval());
    assertEquals("21:00-09:00", defaults.quietHours().orElseThrow().toString());
    assertEquals(20, defaults.ratePerSecond());
    assertEquals(java.time.Duration.ofDays(7), defaults.codeLifetime());
    assertTrue(ConfigLoader.load(Map.of("SURVEY_QUIET_HOURS", "")).surveys().quietHours().isEmpty(), "empty: none");
    assertEquals("https://service.brand.com",
        ConfigLoader.load(Map.of("GATEWAY_PUBLIC_URL", "https://service.brand.com/")).surveys().publicUrl().orElseThrow());
    Map<String, Map<String, String>> bad = Map.of(
        "SURVEY_QUIET_HOURS", Map.of("SURVEY_QUIET_HOURS", "21:00-21:00"),
        "SURVEY_MIN_INTERVAL_DAYS", Map.of("SURVEY_MIN_INTERVAL_DAYS", "-1"),
        "SURVEY_RATE_PER_S", Map.of("SURVEY_RATE_PER_S", "0"),
        "SURVEY_CODE_DAYS", Map.of("SURVEY_CODE_DAYS", "365"),
        "GATEWAY_PUBLIC_URL", Map.of("GATEWAY_PUBLIC_URL", "https://service.brand.com/survey"),
        "SURVEY_WECHAT_TEMPLATE_ID", Map.of("SURVEY_WECHAT_TEMPLATE_ID", "tpl", "GATEWAY_PUBLIC_URL", "https://x.com"),
        "SURVEY_SMS_TEMPLATE_ID", Map.of("SURVEY_SMS_TEMPLATE_ID", "2090001"));
    bad.forEach((variable, env) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(env), env.toString());
      assertTrue(e.getMessage().contains(variable), e.getMessage());
    });
    ConfigException noUrl = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("WECHAT_APP_ID", "wx1",
        "WECHAT_SECRET", "s", "SURVEY_WECHAT_TEMPLATE_ID", "tpl")));
    assertTrue(noUrl.getMessage().contains("GATEWAY_PUBLIC_URL"), noUrl.getMessage());
  }
}
