package com.furnishcare.intake.web;

import com.furnishcare.intake.config.PublicAccessConfig;
import java.time.Duration;

/**
 * The rate limiters of the public endpoints, one set per process and shared by every HTTP verticle
 * (each event loop has its own verticle; a limit per verticle would multiply the allowance).
 */
public record PublicLimits(ClientAddress clients, RateLimiter perAddress, RateLimiter perConversation,
    RateLimiter newConversations) {

  public static PublicLimits from(PublicAccessConfig config) {
    return new PublicLimits(ClientAddress.trusting(config.trustedProxies()),
        RateLimiter.smooth(config.ipBurst(), config.ipPerSecond(), Duration.ofSeconds(1)),
        RateLimiter.smooth(config.conversationBurst(), config.conversationPerMinute(), Duration.ofMinutes(1)),
        RateLimiter.perPeriod(config.newConversationsPerMinute(), Duration.ofMinutes(1)));
  }
}
