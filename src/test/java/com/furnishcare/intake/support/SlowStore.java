package com.furnishcare.intake.support;

import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Makes each turn slow (a delayed claim, no thread blocked) to drive the late-reply path. */
public final class SlowStore implements SessionStore {

  private final SessionStore inner;
  private final Vertx vertx;
  private final long delayMs;

  private SlowStore(SessionStore inner, Vertx vertx, long delayMs) {
    this.inner = inner;
    this.vertx = vertx;
    this.delayMs = delayMs;
  }

  public static UnaryOperator<Stores> by(Vertx vertx, long delayMs) {
    return s -> s.withSessions(new SlowStore(s.sessions(), vertx, delayMs));
  }

  @Override
  public Future<Optional<Session>> load(ConversationKey key) {
    return inner.load(key);
  }

  @Override
  public Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check) {
    Promise<Void> wait = Promise.promise();
    vertx.setTimer(delayMs, id -> wait.complete());
    return wait.future().compose(v -> inner.claim(messageKey, key, check));
  }

  @Override
  public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript) {
    return inner.commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
        transcript);
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
