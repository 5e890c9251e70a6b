package com.furnishcare.intake.core;

import io.vertx.core.Future;

/** The push channel when none is configured: every push is refused, so it is recorded, not lost silently. */
public final class NoPushSender implements PushSender {
  private final String reason;

  public NoPushSender(String reason) {
    this.reason = reason;
  }

  @Override
  public Future<Void> push(ConversationKey to, String text) {
    return Future.failedFuture(new PushRejected(0, reason));
  }

  @Override
  public boolean canPush() {
    return false;
  }
}
