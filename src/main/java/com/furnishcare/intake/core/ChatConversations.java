package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Web-chat conversations the gateway issued: each id with the hash of its secret, so only whoever
 * received the secret can write into the conversation or read from it. Entries lapse like sessions
 * do; a lapsed or unknown id is indistinguishable from a wrong secret.
 */
public interface ChatConversations {

  /** Records a new conversation; it lapses after {@code lifetime} unless {@link #verify} extends it. */
  Future<Void> register(String conversationId, String secretHash, Duration lifetime);

  /**
   * Resolves with true when the conversation exists and {@code secretHash} is its hash; then its
   * lifetime starts again at {@code extendTo}.
   */
  Future<Boolean> verify(String conversationId, String secretHash, Duration extendTo);

  /**
   * Makes {@code secretHash} another valid secret of the conversation (its first one when the
   * conversation is not recorded), so a new device can join without the secrets already given out
   * stopping to work; the lifetime is extended to at least {@code lifetime}. Resolves with false when the
   * conversation already has {@code maxExtraSecrets} extra secrets. Only for a caller that has proved its
   * right to the conversation another way (a web-chat link sent by SMS).
   */
  Future<Boolean> addSecret(String conversationId, String secretHash, Duration lifetime, int maxExtraSecrets);
}
