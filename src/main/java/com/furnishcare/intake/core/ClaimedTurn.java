package com.furnishcare.intake.core;

/**
 * The answer of {@link SessionStore#claimAndCommit}: the turn written in the claim's step, or only the claim's
 * answer (nothing of the turn written).
 */
public sealed interface ClaimedTurn {

  /** The message was claimed and the turn committed with it. */
  record Written(CommitOutcome.Committed commit) implements ClaimedTurn {}

  /**
   * The turn was not written; {@code claim} is what {@link SessionStore#claim} would have answered. When it is
   * {@link MessageClaim.Claimed}, the message is now this caller's, with the session and agent case as stored at the
   * claim: the turn is decided again on those.
   */
  record NotWritten(MessageClaim claim) implements ClaimedTurn {}
}
