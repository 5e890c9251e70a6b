package com.furnishcare.intake.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the gateway reads at start, already validated.
 *
 * @param dataSources where the dialogs, grading, dealers, knowledge base (and RT routing) paths above come
 *     from: a variable, the working directory or the jar's built-in copy
 * @param photoMaxBytes the largest photo kept, from the web chat or WeChat
 * @param agents the agent console's accounts file, session lifetime and login limits
 * @param surveys how satisfaction surveys are sent
 * @param alerts the alerts file for WeCom group robots and where the robot API is
 */
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
    PublicAccessConfig publicAccess,
    AgentDeskConfig agentDesk,
    List<DataSource> dataSources,
    long photoMaxBytes,
    AgentConsoleConfig agents,
    SurveyConfig surveys,
    AlertsConfig alerts) {

  public GatewayConfig {
    dataSources = List.copyOf(dataSources);
  }

  public boolean usesRedis() {
    return redisUrl.isPresent();
  }
}
