package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Conversation state plus the ledger that makes each inbound message a turn that happens once.
 *
 * <p>{@link #commitTurn} writes the new session and the recorded reply in one atomic step, so after a
 * crash either both exist (a retry gets the recorded reply) or neither (the retry is processed anew).
 */
public interface SessionStore {

  Future<Optional<Session>> load(ConversationKey key);

  /**
   * Tries to take the message for processing and, when taken, reads the conversation's session in the
   * same step. A claim lapses after the store's lease if never committed.
   *
   * <p>With a signed callback's nonce pair ({@link NonceCheck}), first records the pair, and takes nothing when
   * it came before with another body ({@link MessageClaim.Replayed}). A store that keeps the check's nonces
   * itself does both in one step (Redis on a single server: it saves every WeChat message a round trip); any
   * other records the pair first ({@link NonceCheck#thenClaim}). The records are the same either way.
   */
  Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check);

  /** The claim of a message that carries no nonce pair to record. */
  default Future<MessageClaim> claim(String messageKey, ConversationKey key) {
    return claim(messageKey, key, Optional.empty());
  }

  /**
   * Saves the session, the reply for {@code messageKey}, the tickets the turn created (each queued for
   * delivery) and the tickets it changed, together — but only if the stored session is still the version
   * {@code expectedVersion} the turn was decided on ({@link MessageClaim.Claimed#version()}) and the message
   * was not committed by someone else meanwhile; otherwise nothing is written and the outcome says why.
   * This is what keeps two processes that handle two messages of one conversation at the same moment from
   * losing either turn (the later one is decided again on the earlier one's session).
   * {@link SessionVersion#ANY} skips both checks. The session is forgotten when untouched for {@code idle}.
   *
   * <p>The turn's transcript, when given, is appended to the chat log in the same atomic step by a store that
   * can, which says so ({@link CommitOutcome.Committed#transcriptWritten}); a store that cannot commits the rest,
   * and the caller appends the transcript afterwards.
   */
  Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session, Duration idle,
      String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript);

  /** The checked commit of a turn without a transcript to write. */
  default Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets) {
    return commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
        Optional.empty());
  }

  /**
   * Commits without comparing versions (last writer wins): for tools and tests that write a turn outside the
   * conversation's own sequence. Conversation turns use the checked form.
   */
  default Future<Void> commitTurn(ConversationKey key, Session session, Duration idle, String messageKey,
      RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets) {
    return commitTurn(key, SessionVersion.ANY, session, idle, messageKey, reply, newTickets, changedTickets)
        .compose(outcome -> outcome instanceof CommitOutcome.Committed ? Future.<Void>succeededFuture()
            : Future.failedFuture(new IllegalStateException("unchecked commit refused: " + outcome)));
  }

  /** Gives a claimed message back (processing failed) so a retry can process it. */
  Future<Void> release(String messageKey);

  /** Answers when the store is reachable; used by the health check. */
  Future<Void> ping();
}
