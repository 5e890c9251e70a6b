package com.furnishcare.intake.turn;

import com.furnishcare.intake.agent.Handover;
import com.furnishcare.intake.agent.Transcripts;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ClaimedTurn;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.PushSender;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.DialogContext;
import com.furnishcare.intake.dialog.Lookups;
import com.furnishcare.intake.dialog.NeedsWorker;
import com.furnishcare.intake.dialog.Turn;
import com.furnishcare.intake.dialog.model.ServiceHours;
import com.furnishcare.intake.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one inbound message into exactly one conversation turn and decides how its reply travels.
 *
 * <ul>
 *   <li>A message already handled (a platform retry, maybe to another process) gets the recorded
 *       reply and is not processed again.
 *   <li>A reply ready within the budget goes back in the HTTP response (passive reply); anything
 *       over the channel's size limit follows as pushes.
 *   <li>A reply not ready within the budget is answered with nothing now and pushed when ready.
 *   <li>The session and the reply are committed together before anything is sent, so nothing a
 *       user was told is lost if the process dies right after. The transcript an agent reads goes in the
 *       same commit where the store can (Redis on a single server); else it follows the commit.
 *   <li>Several processes may share one Redis, and two messages of one conversation may reach two of them
 *       at the same moment. Each turn is decided on the session read with its claim and committed only if
 *       that session is still the stored one; if another process committed first, the turn is decided
 *       again on that process's session (the message stays claimed) and committed then. The user gets the
 *       reply of the attempt that was committed. See {@link #STALE_SESSION_RETRIES}.
 * </ul>
 */
public final class TurnProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(TurnProcessor.class);
  private static final long POLL_MS = 100;
  private static final int PUSH_ATTEMPTS = 3;
  /** A turn whose look-up takes longer than this fails (the user gets the apology) rather than hang. */
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);
  static final String THINKERS = "dialog-turns";
  /**
   * Longer texts are decided on a worker without an attempt on the event loop (homeowners' messages are mostly
   * far shorter), so an event loop never spends long on one text.
   */
  static final int INLINE_TEXT_LIMIT = 500;
  /** Shared by every channel's processor; turns of one conversation still run one at a time (sequencer). */
  private static final int THINKER_THREADS = 16;
  /**
   * How often a turn refused as stale is decided again. Optimistic versions rather than a per-conversation
   * lock in Redis: nothing to hold or renew while the engine thinks (a look-up may take seconds), no lock
   * left behind by a process that died mid-turn (its message claim's lease already covers that), and no
   * cost when, as almost always, a conversation's messages come one at a time. Each refusal means another
   * turn of the conversation was committed, so this bounds the wait by the number of messages a homeowner
   * sends at the same moment (a few), not by time; past it the turn fails like any store error (the user
   * gets the apology, the claim is released and the platform's retry is processed anew).
   */
  static final int STALE_SESSION_RETRIES = 16;
  private static final ReplyPlan ALL_PUSHED = (parts, replies, onTime) -> new RecordedReply(List.of(), parts, replies);

  private final Vertx vertx;
  private final SessionStore sessions;
  private final Conversation conversation;
  private final DeliveryLog deliveries;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final Duration budget;
  private final ReplyShaper shaper;
  private final ReplyPlan plan;
  private final PushSender pusher;
  private final ChannelName channel;
  private final SessionLifetime lifetime;
  private final Lookups lookups;
  /** Turns are decided here, off the event loop: a turn may wait for a ticket or knowledge-base look-up. */
  private final WorkerExecutor thinkers;
  private final KeyedSequencer sequencer = new KeyedSequencer();
  /** The sessions this process committed last, for turns decided before their claim (where the store can). */
  private final RecentSessions recent;
  /** Turns, transcripts and pushes under way, also after the HTTP answer: a graceful stop waits for them. */
  private final InFlightWork work = new InFlightWork();
  private final Handover handover;
  /** Where a WeChat turn is written for the agents to read; empty for the web chat, which writes its own. */
  private final Optional<Transcripts> transcripts;
  private final Optional<ServiceHours> serviceHours;
  private final Supplier<String> apology;

  /**
   * @param handover who owns a conversation (bot, queue, agent), asked before each turn
   * @param transcripts where turns are written for agents to read (not for the web chat: it writes its own)
   * @param serviceHours when people answer (empty: always); outside them a hand-over keeps a ticket
   * @param apology what the homeowner is told when a turn could not be decided or stored (from the dialogs)
   */
  public TurnProcessor(Vertx vertx, SessionStore sessions, TicketStore tickets, FaqSearch faq, Conversation conversation,
      DeliveryLog deliveries, GatewayMetrics metrics, Clock clock, Duration budget, ReplyShaper shaper, ReplyPlan plan,
      PushSender pusher, ChannelName channel, SessionLifetime lifetime, Handover handover,
      Optional<Transcripts> transcripts, Optional<ServiceHours> serviceHours, Supplier<String> apology) {
    this.apology = apology;
    this.handover = handover;
    this.transcripts = transcripts;
    this.serviceHours = serviceHours;
    this.lifetime = lifetime;
    this.vertx = vertx;
    this.sessions = sessions;
    this.conversation = conversation;
    this.deliveries = deliveries;
    this.metrics = metrics;
    this.clock = clock;
    this.budget = budget;
    this.shaper = shaper;
    this.plan = plan;
    this.pusher = pusher;
    this.channel = channel;
    this.lookups = TurnLookups.waitingOn(TurnLookups.from(tickets, faq), LOOKUP_TIMEOUT);
    this.thinkers = vertx.createSharedWorkerExecutor(THINKERS, THINKER_THREADS);
    this.recent = sessions.commitsWithClaim() ? RecentSessions.bounded() : RecentSessions.none();
  }

  /**
   * Resolves with the answer to send now: texts for text channels, the same replies as data for the web
   * chat (both empty for "nothing now"). Never fails.
   */
  public Future<TurnAnswer> handle(InboundMessage message, String messageKey) {
    return handle(message, messageKey, plan, Optional.empty());
  }

  /**
   * Like {@link #handle(InboundMessage, String)} for a signed callback whose nonce pair, when there is one to
   * check, is recorded with the message's claim ({@link NonceCheck}). A replayed pair answers {@link TurnAnswer#replayed()}, and nothing is
   * processed. A claim that could not be made (the store unreachable) answers {@link TurnAnswer#retryLater()}
   * rather than the apology: nothing of the message was taken, and a platform that signs its callbacks retries
   * them.
   */
  public Future<TurnAnswer> handle(InboundMessage message, String messageKey, Optional<NonceCheck> check) {
    return handle(message, messageKey, plan, check);
  }

  /**
   * A turn nobody is waiting for on the line (a ticket's status changed): every reply is pushed, and no
   * reply budget applies. Resolves when the turn is committed (or was already); fails if it could not be.
   *
   * @param reached completed, after the pushes, with whether every reply reached the user (true for a
   *     turn that was already handled: it was told then)
   */
  public Future<Void> handleUnprompted(InboundMessage message, String messageKey, Promise<Boolean> reached) {
    Promise<TurnAnswer> nobodyWaits = Promise.promise();
    long deadline = System.nanoTime() + budget.toNanos();
    return work.track(sequencer.run(message.from().asString(),
            () -> claimAndProcess(message, messageKey, Optional.empty(), deadline, nobodyWaits, ALL_PUSHED,
                reached)))
        .onFailure(err -> {
          LOG.error("unprompted turn for {} failed", messageKey, err);
          metrics.error("turn_failed");
        });
  }

  private Future<TurnAnswer> handle(InboundMessage message, String messageKey, ReplyPlan plan,
      Optional<NonceCheck> check) {
    long deadline = System.nanoTime() + budget.toNanos();
    Promise<TurnAnswer> answer = Promise.promise();
    long timer = vertx.setTimer(budget.toMillis(), id -> {
      if (answer.tryComplete(TurnAnswer.none())) {
        metrics.lateReply(channel.wireName());
      }
    });
    // One turn at a time per conversation in this process: the session read with the claim is then
    // the one the previous turn committed, unless another process committed one meanwhile (then the
    // commit is refused as stale and the turn decided again; see STALE_SESSION_RETRIES).
    work.track(sequencer.run(message.from().asString(),
            () -> claimAndProcess(message, messageKey, check, deadline, answer, plan, Promise.promise())))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.failed()) {
            LOG.error("turn for {} failed", messageKey, ar.cause());
            metrics.error("turn_failed");
            answer.tryComplete(TurnAnswer.text(apology.get()));
          }
        });
    return answer.future();
  }

  /**
   * A conversation whose last turn this process committed is decided first, on that session, then claimed and
   * committed in one step ({@link #decideThenClaim}); any other is claimed first, then decided.
   */
  private Future<Void> claimAndProcess(InboundMessage message, String messageKey, Optional<NonceCheck> check,
      long deadline, Promise<TurnAnswer> answer, ReplyPlan plan, Promise<Boolean> reached) {
    Optional<RecentSessions.Known> known = recent.get(message.from());
    Future<Void> done = known.isPresent()
        ? decideThenClaim(known.get(), message, messageKey, check, deadline, answer, plan, reached)
        : claimThenDecide(message, messageKey, check, deadline, answer, plan, reached);
    // A failed turn may or may not have been written: the next one is claimed first.
    return done.onFailure(err -> recent.forget(message.from()));
  }

  private Future<Void> claimThenDecide(InboundMessage message, String messageKey, Optional<NonceCheck> check,
      long deadline, Promise<TurnAnswer> answer, ReplyPlan plan, Promise<Boolean> reached) {
    return sessions.claim(messageKey, message.from(), check).transform(ar -> ar.succeeded()
        ? afterClaim(ar.result(), message, messageKey, check, deadline, answer, plan, reached)
        : claimFailed(ar.cause(), messageKey, check, answer));
  }

  /**
   * Decides the turn on the session this process committed last, then claims the message and commits the turn in
   * one step of the store ({@link SessionStore#claimAndCommit}): a round trip less than claim, then commit. The store
   * commits only if that session is still the stored one and no agent has the conversation; otherwise its answer
   * is the claim's, and the turn goes on from there as any other (decided again on the session read with the claim).
   * A turn that files or changes a ticket, or whose decision failed, is claimed and decided the usual way.
   */
  private Future<Void> decideThenClaim(RecentSessions.Known known, InboundMessage message, String messageKey,
      Optional<NonceCheck> check, long deadline, Promise<TurnAnswer> answer, ReplyPlan plan,
      Promise<Boolean> reached) {
    return think(known.session(), message).transform(decided -> {
      if (decided.failed() || !decided.result().newTickets().isEmpty()
          || !decided.result().changedTickets().isEmpty()) {
        return claimThenDecide(message, messageKey, check, deadline, answer, plan, reached);
      }
      Turn turn = decided.result();
      Outgoing out = outgoing(message, messageKey, turn, plan, answer);
      return sessions.claimAndCommit(messageKey, message.from(), check, known.version(), turn.session(),
              lifetime.after(Optional.of(known.session()), message), out.reply(), out.transcript())
          .transform(ar -> {
            if (ar.failed()) {
              return claimFailed(ar.cause(), messageKey, check, answer);
            }
            if (ar.result() instanceof ClaimedTurn.Written written) {
              return afterCommit(message, messageKey, Optional.empty(), turn, out, answer, reached,
                  written.commit());
            }
            recent.forget(message.from());
            return afterClaim(((ClaimedTurn.NotWritten) ar.result()).claim(), message, messageKey, check, deadline,
                answer, plan, reached);
          });
    });
  }

  /** A claim that could not be made: a signed callback is asked to come again, anything else fails. */
  private Future<Void> claimFailed(Throwable cause, String messageKey, Optional<NonceCheck> check,
      Promise<TurnAnswer> answer) {
    if (check.isEmpty()) {
      return Future.failedFuture(cause);
    }
    // A signed callback's platform retries: nothing of the message was taken, so ask for that, not apologise.
    LOG.warn("could not claim {}; asking the platform to retry it", messageKey, cause);
    metrics.error("claim_failed");
    answer.tryComplete(TurnAnswer.tryAgainLater());
    return Future.succeededFuture();
  }

  /** Goes on from the claim's answer: the recorded reply, a wait for another holder, or the turn itself. */
  private Future<Void> afterClaim(MessageClaim claim, InboundMessage message, String messageKey,
      Optional<NonceCheck> check, long deadline, Promise<TurnAnswer> answer, ReplyPlan plan,
      Promise<Boolean> reached) {
    if (claim instanceof MessageClaim.Replayed) {
      answer.tryComplete(TurnAnswer.replayRefused());
      reached.tryComplete(true);
      return Future.succeededFuture();
    }
    if (claim instanceof MessageClaim.Completed done) {
      metrics.dedupeHit(channel.wireName());
      answer.tryComplete(TurnAnswer.of(done.reply()));
      reached.tryComplete(true);
      return Future.succeededFuture();
    }
    if (claim instanceof MessageClaim.InProgress) {
      metrics.dedupeHit(channel.wireName());
      if (System.nanoTime() + POLL_MS * 1_000_000 >= deadline) {
        // Another process holds the claim (turns here run one at a time per conversation). A platform
        // retries only when the first delivery went unanswered, so that process has likely died with it:
        // ask for a retry, which takes the message once the claim's lease lapses (or gets the recorded reply).
        answer.tryComplete(TurnAnswer.tryAgainLater());
        reached.tryComplete(true);
        return Future.succeededFuture();
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(POLL_MS,
          id -> claimAndProcess(message, messageKey, check, deadline, answer, plan, reached).onComplete(later));
      return later.future();
    }
    MessageClaim.Claimed claimed = (MessageClaim.Claimed) claim;
    Future<Optional<HandoffCase>> open = claimed.agentCaseRead()
        ? handover.before(message, claimed.agentCase()) : handover.before(message);
    return open.compose(found -> process(message, messageKey, claimed.session(), claimed.version(), found, answer,
            plan, reached, 0))
        .recover(err -> sessions.release(messageKey).transform(ignored -> Future.failedFuture(err)));
  }

  /**
   * Decides the turn on {@code stored} (version {@code version}), the conversation's agent case being {@code open},
   * and commits it if that is still the stored session; else decides it again on the session stored now (attempt +
   * 1), with the case read again: the turn committed meanwhile may have handed the conversation over.
   */
  private Future<Void> process(InboundMessage message, String messageKey, Optional<Session> stored, String version,
      Optional<HandoffCase> open, Promise<TurnAnswer> answer, ReplyPlan plan, Promise<Boolean> reached,
      int attempt) {
    Session session = stored.orElseGet(() -> Session.fresh(clock.instant()));
    // An agent serves this conversation: the bot says nothing; the message reaches the agent through the
    // transcript (the web chat wrote it already).
    Future<Turn> decided = Handover.agentAnswers(open, message)
        ? Future.succeededFuture(new Turn(session, List.of()))
        : think(session, message);
    return decided.compose(turn -> {
      Outgoing out = outgoing(message, messageKey, turn, plan, answer);
      return sessions.commitTurn(message.from(), version, turn.session(), lifetime.after(stored, message),
              messageKey, out.reply(), turn.newTickets(), turn.changedTickets(), out.transcript())
          .compose(outcome -> {
            if (outcome instanceof CommitOutcome.StaleSession stale) {
              // Another process committed a turn of this conversation since our read: nothing of this
              // attempt was written (its ticket ids and replies are dropped); decide it again on theirs.
              metrics.staleTurn(channel.wireName());
              if (attempt + 1 > STALE_SESSION_RETRIES) {
                return Future.failedFuture(new IllegalStateException("session of " + messageKey
                    + " still changing after " + STALE_SESSION_RETRIES + " attempts"));
              }
              LOG.debug("turn {} decided on a stale session, deciding it again (attempt {})", messageKey,
                  attempt + 2);
              return handover.before(message).compose(caseNow -> process(message, messageKey, stale.session(),
                  stale.version(), caseNow, answer, plan, reached, attempt + 1));
            }
            if (outcome instanceof CommitOutcome.AlreadyDone done) {
              // Our claim lapsed and another process handled this very message: its reply is the answer.
              metrics.dedupeHit(channel.wireName());
              answer.tryComplete(TurnAnswer.of(done.reply()));
              reached.tryComplete(true);
              return Future.succeededFuture();
            }
            return afterCommit(message, messageKey, open, turn, out, answer, reached,
                (CommitOutcome.Committed) outcome);
          });
    });
  }

  /**
   * What a decided turn sends and records: its replies as text parts, the reply record (how the reply travels,
   * decided before committing so the record says what the user gets), and the transcript the agents read.
   */
  private record Outgoing(List<String> parts, RecordedReply reply, Optional<TurnTranscript> transcript) {}

  /** Text channels get the replies rendered as text; the structured pieces are recorded beside them. */
  private Outgoing outgoing(InboundMessage message, String messageKey, Turn turn, ReplyPlan plan,
      Promise<TurnAnswer> answer) {
    List<String> parts = shaper.shape(turn.texts());
    RecordedReply reply = plan.plan(parts, shaper.pieces(turn.replies()), !answer.future().isComplete());
    return new Outgoing(parts, reply, transcripts.map(t -> t.of(message, messageKey, turn.replies(),
        clock.instant())));
  }

  /** What follows a committed turn: the agents' queue, the transcript, the metrics, the answer and the pushes. */
  private Future<Void> afterCommit(InboundMessage message, String messageKey, Optional<HandoffCase> open, Turn turn,
      Outgoing out, Promise<TurnAnswer> answer, Promise<Boolean> reached, CommitOutcome.Committed commit) {
    RecordedReply reply = out.reply();
    recent.committed(message.from(), turn.session(), commit.version());
    return (Handover.agentAnswers(open, message)
              ? Future.<Void>succeededFuture()
              : handover.after(message.from(), open, turn, clock.instant()).recover(err -> {
                // The case is opened again on the next message: the session still says "waiting for a person".
                LOG.warn("could not update the agents' queue for {}", messageKey, err);
                return Future.succeededFuture();
              }))
          .map(committed -> {
            transcripts.ifPresent(t -> work.track(t.afterCommit(out.transcript().orElseThrow(), commit))
                .onFailure(err -> LOG.warn("could not write the transcript of {}", messageKey, err)));
            turn.newTickets().forEach(t -> metrics.ticketCreated(channel.wireName(), t.level()));
            if (!answer.tryComplete(TurnAnswer.of(reply)) && !reply.passive().isEmpty()) {
              // The budget ran out while committing: the HTTP answer was empty, so push these parts too.
              work.track(pushInOrder(message, messageKey, out.parts(), reply.replies())).onComplete(reached);
              return null;
            }
            work.track(pushInOrder(message, messageKey, reply.pushed(),
                reply.passive().isEmpty() ? reply.replies() : List.of())).onComplete(reached);
            return null;
          });
  }

  /**
   * Completes when no turn of this processor is under way, nor a transcript write or push that followed
   * one (these run after the HTTP answer). A graceful stop waits for it after the HTTP server has drained
   * and before the stores close; the turns already answered would otherwise lose that tail.
   */
  public Future<Void> settled() {
    return work.settled();
  }

  /**
   * Decides the turn. First right here, on the event loop the message arrived on: most turns need nothing
   * they would wait for (a menu choice, an intake answer, a question the knowledge base answered before), and
   * the engine does no I/O, so this spares them the hand-over to a worker thread and back. A turn that reaches
   * a look-up or write it would wait for stops there ({@link NeedsWorker}, thrown before that look-up or write
   * starts) and is decided again on a worker thread, where waiting is allowed. Texts longer than {@link
   * #INLINE_TEXT_LIMIT} go to a worker at once: the engine's time grows with the text. Unordered on the
   * worker: the sequencer already keeps one turn per conversation at a time.
   */
  private Future<Turn> think(Session session, InboundMessage message) {
    DialogContext context = DialogContext.at(clock.instant(), lookups).withServiceHours(serviceHours);
    if (message.text().length() <= INLINE_TEXT_LIMIT) {
      try {
        return Future.succeededFuture(conversation.respond(session, message, context));
      } catch (NeedsWorker waits) {
        // Nothing of the turn happened; decided again below.
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return thinkers.executeBlocking(() -> conversation.respond(session, message, context), false);
  }

  /**
   * Pushes the parts one after the other; resolves with whether all of them were delivered. When the parts
   * are the recorded replies one for one (a channel that does not merge them), each goes with its options.
   */
  private Future<Boolean> pushInOrder(InboundMessage message, String messageKey, List<String> texts,
      List<Reply> replies) {
    List<Reply> parts = replies.size() == texts.size() ? replies : texts.stream().map(Reply::text).toList();
    Future<Boolean> chain = Future.succeededFuture(true);
    for (Reply part : parts) {
      chain = chain.compose(allSoFar -> pushWithRetry(message, messageKey, part).map(sent -> allSoFar && sent));
    }
    return chain;
  }

  /** Resolves with true when the text was delivered, false when it was refused or given up on. */
  private Future<Boolean> pushWithRetry(InboundMessage message, String messageKey, Reply reply) {
    return Retry.withPauses(vertx, PUSH_ATTEMPTS, e -> e instanceof PushSender.PushRejected,
        () -> pusher.push(message.from(), reply)).transform(ar -> {
          if (ar.succeeded()) {
            metrics.push(channel.wireName(), "sent");
            return record("push_sent", message, messageKey, "ok").map(true);
          }
          Throwable cause = ar.cause();
          if (cause instanceof PushSender.PushRejected rejected) {
            metrics.push(channel.wireName(), "rejected");
            if (pusher.canPush()) {
              LOG.warn("push for {} rejected by the platform: {} {}", messageKey, rejected.code(), rejected.getMessage());
            } else {
              LOG.info("push for {} not sent: {}", messageKey, rejected.getMessage());
            }
            return record("push_rejected", message, messageKey, rejected.code() + " " + rejected.getMessage())
                .map(false);
          }
          metrics.push(channel.wireName(), "failed");
          LOG.warn("push for {} failed after {} attempts: {}", messageKey, PUSH_ATTEMPTS, cause.toString());
          return record("push_failed", message, messageKey, String.valueOf(cause.getMessage())).map(false);
        });
  }

  private Future<Void> record(String kind, InboundMessage message, String messageKey, String detail) {
    return deliveries.record(new DeliveryEvent(kind, channel, message.from().userId(), messageKey, detail,
        clock.instant())).recover(err -> {
          LOG.warn("could not record delivery event {} for {}", kind, messageKey, err);
          return Future.succeededFuture();
        });
  }
}
