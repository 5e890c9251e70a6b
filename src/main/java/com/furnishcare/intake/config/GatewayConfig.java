package com.furnishcare.intake.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything the gateway reads at start, already validated. */
public record GatewayConfig(
    String httpHost,
    int httpPort,
    int httpInstances,
    Path dataDir,
    Optional<String> redisUrl,
    Optional<String> adminToken,
    int bodyLimitBytes,
    Duration replyBudget,
    Duration sessionIdleTimeout,
    Duration shutdownGrace,
    Path dialogsDir,
    Path gradingFile,
    Path dealersFile,
    long dialogReloadMillis,
    WeChatConfig wechat,
    TicketingConfig ticketing,
    FaqConfig faq,
    Optional<SmsConfig> sms,
    PublicAccessConfig publicAccess) {

  public boolean usesRedis() {
    return redisUrl.isPresent();
  }
}
