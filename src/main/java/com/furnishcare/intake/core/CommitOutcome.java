package com.furnishcare.intake.core;

import java.util.Optional;

/** The answer of a checked {@link SessionStore#commitTurn}: written, or refused and why. */
public sealed interface CommitOutcome {

  /**
   * Session, reply, tickets and outbox written together.
   *
   * @param transcriptWritten whether the turn's transcript was written in the same step (a store that cannot
   *     leaves it to the caller, who appends it to the chat log after the commit)
   * @param transcriptLastSeq the number of the last entry the transcript added, 0 if it added none
   * @param version the version of the session as written ({@link SessionVersion}): what a checked commit of the
   *     conversation's next turn, decided on that session, expects
   */
  record Committed(boolean transcriptWritten, long transcriptLastSeq, String version) implements CommitOutcome {

    /** Committed as version {@code version}, the transcript (if any) left to the caller. */
    public Committed(String version) {
      this(false, 0, version);
    }
  }

  /**
   * Nothing written: the stored session is no longer the version the turn was decided on (another process
   * committed a turn of this conversation meanwhile, or the session expired). Carries the session as stored
   * now and its version, read in the same step, so the caller can decide the turn again on it at once.
   */
  record StaleSession(Optional<Session> session, String version) implements CommitOutcome {}

  /**
   * Nothing written: this very message was committed by someone else (its claim lapsed while this process
   * was slow and a retry was handled elsewhere). Answer with that turn's reply; deciding it again would make
   * one message two turns.
   */
  record AlreadyDone(RecordedReply reply) implements CommitOutcome {}
}
