package com.furnishcare.intake.config;

import java.util.Optional;

/**
 * The official account's credentials. {@code token} alone enables the callback in plaintext mode;
 * {@code aesKey} adds compatible/safe mode; {@code appId} + {@code secret} enable outbound API calls
 * (customer-service messages for late replies).
 */
public record WeChatConfig(
    Optional<String> token,
    Optional<String> appId,
    Optional<String> aesKey,
    Optional<String> secret,
    String apiBase,
    long timestampToleranceSeconds,
    int replyByteLimit,
    Optional<String> statusTemplateId) {

  public boolean callbackEnabled() {
    return token.isPresent();
  }

  public boolean outboundEnabled() {
    return appId.isPresent() && secret.isPresent();
  }
}
