package com.furnishcare.intake.support;

import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.config.GatewayConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Gateway configuration for tests, built through the real loader from environment-style values. */
public final class TestConfig {

  public static final String TOKEN = "QDG6eK";
  public static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  public static final String APP_ID = "wx5823bf96d3bd56c7";
  public static final String SECRET = "test-secret-0123456789";
  public static final String ADMIN_TOKEN = "admin-token-for-tests-0001";

  private final Map<String, String> env = new HashMap<>();

  private TestConfig(Path dataDir) {
    env.put("GATEWAY_HTTP_HOST", "127.0.0.1");
    env.put("GATEWAY_HTTP_PORT", "0");
    env.put("GATEWAY_DATA_DIR", dataDir.toString());
    env.put("WECHAT_TOKEN", TOKEN);
    env.put("WECHAT_AES_KEY", AES_KEY);
    env.put("WECHAT_APP_ID", APP_ID);
    env.put("GATEWAY_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("GATEWAY_SHUTDOWN_GRACE_S", "5");
    // Someone always answers unless a test sets hours: what a hand-over says must not depend on the hour CI runs.
    env.put("AGENT_SERVICE_HOURS", "");
    // Likewise surveys go out at any hour unless a test sets quiet hours.
    env.put("SURVEY_QUIET_HOURS", "");
    // Tests send hundreds of messages from one address in seconds; the tests of the limits set their own.
    env.put("RATE_LIMIT_IP_PER_S", "100000");
    env.put("RATE_LIMIT_IP_BURST", "100000");
    env.put("RATE_LIMIT_CONVERSATION_PER_MIN", "100000");
    env.put("RATE_LIMIT_CONVERSATION_BURST", "100000");
    env.put("RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN", "100000");
  }

  public static TestConfig embedded(Path dataDir) {
    return new TestConfig(dataDir);
  }

  /** "embedded", or "redis" on the given server: for tests that run the same steps on both stores. */
  public static TestConfig onStore(String store, Path dataDir, RedisServer redis) {
    TestConfig config = new TestConfig(dataDir);
    return store.equals("redis") ? config.with("REDIS_URL", redis.url()) : config;
  }

  public TestConfig with(String key, String value) {
    env.put(key, value);
    return this;
  }

  public TestConfig without(String key) {
    env.remove(key);
    return this;
  }

  /** SMS sent through this fake provider (provider, credentials, app, sign, proxy). */
  public TestConfig sms(FakeTencentSms sms) {
    sms.gatewaySettings().forEach(this::with);
    return this;
  }

  public TestConfig api(FakeWeChatApi api) {
    return with("WECHAT_API_BASE", api.baseUrl()).with("WECHAT_SECRET", SECRET);
  }

  public Map<String, String> env() {
    return Map.copyOf(env);
  }

  public GatewayConfig build() {
    return ConfigLoader.load(env);
  }
}
