package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A session store that hands every call to another: the base of the stores that watch commits (the return
 * visits, the ticket alerts), which override the checked {@link #commitTurn} and call it on {@link #inner} themselves.
 */
public abstract class ForwardingSessionStore implements SessionStore {

  protected final SessionStore inner;

  protected ForwardingSessionStore(SessionStore inner) {
    this.inner = inner;
  }

  @Override
  public Future<Optional<Session>> load(ConversationKey key) {
    return inner.load(key);
  }

  @Override
  public Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check) {
    return inner.claim(messageKey, key, check);
  }

  @Override
  public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript) {
    return inner.commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
        transcript);
  }

  /** Forwarded: a turn committed with its claim files and changes no ticket, which is what the watchers watch. */
  @Override
  public boolean commitsWithClaim() {
    return inner.commitsWithClaim();
  }

  @Override
  public Future<ClaimedTurn> claimAndCommit(String messageKey, ConversationKey key, Optional<NonceCheck> check,
      String expectedVersion, Session session, Duration idle, RecordedReply reply,
      Optional<TurnTranscript> transcript) {
    return inner.claimAndCommit(messageKey, key, check, expectedVersion, session, idle, reply, transcript);
  }

  @Override
  public Future<Void> release(String messageKey) {
    return inner.release(messageKey);
  }

  @Override
  public Future<Void> ping() {
    return inner.ping();
  }
}
