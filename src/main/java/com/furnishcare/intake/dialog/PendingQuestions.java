package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Session;
import java.util.Optional;

/**
 * What a conversation is waiting for the user to answer, read from its stored session, for a channel
 * that must decide what a terse answer means before the engine sees it (an SMS "1" answers
 * "问题解决了吗？" only while that question is open). The session layout stays the engine's own.
 */
public final class PendingQuestions {

  private PendingQuestions() {}

  /** The ticket whose "问题解决了吗？" the conversation has asked and is still waiting on, if any. */
  public static Optional<String> resolutionCheck(Session session) {
    DialogState state = DialogState.from(session);
    // A followed ticket is only set while the flow its status started asks about it.
    boolean waiting = state.top().map(DialogState.Frame::waiting).orElse(false);
    return waiting ? state.followTicket : Optional.empty();
  }
}
