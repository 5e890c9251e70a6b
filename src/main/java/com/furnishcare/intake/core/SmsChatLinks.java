package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Web-chat conversations started by an SMS that answered no pending question: which phone started
 * which conversation, and the short code the link SMS carries. A phone has at most one live link, so a
 * second SMS within its life continues the conversation; a code names at most one. Both lapse together.
 */
public interface SmsChatLinks {

  /** One link: the conversation, its code in the SMS, and the phone that started it. */
  record Link(String conversationId, String code, String phone) {}

  /** The phone's live link, if any. */
  Future<Optional<Link>> byPhone(String phone);

  /** The live link with this code, if any. */
  Future<Optional<Link>> byCode(String code);

  /**
   * Stores {@code candidate} unless its phone already has a live link, and resolves with the phone's live
   * link either way (two SMS racing get the same conversation). Fails when the candidate's code is taken
   * by another live link: the caller draws another code (an overwrite would hand one homeowner's
   * conversation to another).
   */
  Future<Link> open(Link candidate, Duration lifetime);

  /**
   * True exactly once per code while it lives: whoever gets true sends the link SMS, so a callback
   * delivered twice sends one SMS.
   */
  Future<Boolean> claimNotice(String code, Duration lifetime);
}
