package com.furnishcare.intake.core;

import io.vertx.core.Future;

/**
 * Sends a message to a user outside a request's reply: WeChat customer-service messages, SMS.
 * A failure the platform says will not go away (outside the service window, quota spent) is a
 * {@link PushRejected}, which callers record and do not retry.
 */
public interface PushSender {

  Future<Void> push(ConversationKey to, String text);

  /** A reply with its options and kind; a channel without buttons sends its plain text. */
  default Future<Void> push(ConversationKey to, Reply reply) {
    return push(to, reply.plainText());
  }

  /**
   * False for a channel where a refusal is the normal case, not a fault (the web chat when no page is
   * open): it is recorded without a warning; the caller falls back (status SMS) as for any refusal.
   */
  default boolean canPush() {
    return true;
  }

  final class PushRejected extends RuntimeException {
    private final int code;

    public PushRejected(int code, String message) {
      super(message);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
