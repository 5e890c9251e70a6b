package com.furnishcare.intake.core;

import java.util.Optional;

/** The answer of a checked {@link SessionStore#commitTurn}: written, or refused and why. */
public sealed interface CommitOutcome {

  /** Session, reply, tickets and outbox written together. */
  record Committed() implements CommitOutcome {}

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
