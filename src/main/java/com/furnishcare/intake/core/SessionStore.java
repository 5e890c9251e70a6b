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
   */
  Future<MessageClaim> claim(String messageKey, ConversationKey key);

  /**
   * Saves the session, the reply for {@code messageKey}, the tickets the turn created (each queued for
   * delivery) and the tickets it changed, together. The session is forgotten when untouched for {@code idle}.
   */
  Future<Void> commitTurn(ConversationKey key, Session session, Duration idle, String messageKey, RecordedReply reply,
      List<Ticket> newTickets, List<Ticket> changedTickets);

  /** Gives a claimed message back (processing failed) so a retry can process it. */
  Future<Void> release(String messageKey);

  /** Answers when the store is reachable; used by the health check. */
  Future<Void> ping();
}
