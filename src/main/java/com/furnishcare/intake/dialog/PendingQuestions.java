package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.dialog.model.DialogBook;
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
    boolean waiting = state.top().map(f -> f.flow().equals(DialogBook.RESOLUTION) && f.waiting()).orElse(false);
    return waiting ? state.followTicket : Optional.empty();
  }
}
