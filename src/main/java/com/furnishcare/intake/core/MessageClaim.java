package com.furnishcare.intake.core;

import java.util.Optional;

/** The answer of {@link SessionStore#claim}: may this process handle the message? */
public sealed interface MessageClaim {

  /**
   * Nobody has handled this message yet (or a previous handler's lease ran out): go ahead. Carries the
   * conversation's session as it was at the claim, read in the same step to save a round trip, and its
   * version: the token a checked {@link SessionStore#commitTurn commit} compares with what is stored then,
   * so a turn decided on a session another process has since changed is refused instead of overwriting it.
   * A store that can also reads the conversation's open agent case in the same step ({@code agentCaseRead};
   * {@code agentCase} is then that case or empty for none), which the turn asks for next: one round trip less.
   */
  record Claimed(Optional<Session> session, String version, Optional<HandoffCase> agentCase, boolean agentCaseRead)
      implements MessageClaim {

    /**
     * Taken, by a store that did not read the conversation's agent case with the claim.
     */
    public Claimed(Optional<Session> session, String version) {
      this(session, version, Optional.empty(), false);
    }
  }

  /** Another request, maybe in another process, is handling it right now. */
  record InProgress() implements MessageClaim {}

  /** Handled already; answer a retry with the same reply. */
  record Completed(RecordedReply reply) implements MessageClaim {}

  /**
   * Not taken: the callback's signed (timestamp, nonce) pair came before with another body, so its signature is
   * being replayed ({@link NonceCheck}). Nothing was claimed or read.
   */
  record Replayed() implements MessageClaim {}
}
