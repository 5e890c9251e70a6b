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

  /**
   * Whether {@link #claimAndCommit} claims and commits in one atomic step here (Redis on a single server). Where it
   * does not, deciding a turn before its claim gains nothing.
   */
  default boolean commitsWithClaim() {
    return false;
  }

  /**
   * Claims the message and, in the same step, commits a turn the caller decided before the claim on the session it
   * committed last, version {@code expectedVersion} — if at the claim that is still the stored session and the
   * conversation has no agent case (an agent's conversation gets no bot answer). It saves a turn the round trip of
   * its claim; a homeowner's next message usually comes to the process that answered the last one. Otherwise the
   * claim alone happens, and the answer is the claim's, exactly as {@link #claim} gives it: the caller decides the
   * turn again on the session (and agent case) read with it. For turns that file or change no ticket (a ticket's
   * checks need their own step). A store that cannot do it in one step ({@link #commitsWithClaim} false) only
   * claims.
   */
  default Future<ClaimedTurn> claimAndCommit(String messageKey, ConversationKey key, Optional<NonceCheck> check,
      String expectedVersion, Session session, Duration idle, RecordedReply reply,
      Optional<TurnTranscript> transcript) {
    return claim(messageKey, key, check).map(ClaimedTurn.NotWritten::new);
  }

  /** Gives a claimed message back (processing failed) so a retry can process it. */
  Future<Void> release(String messageKey);

  /** Answers when the store is reachable; used by the health check. */
  Future<Void> ping();
}
