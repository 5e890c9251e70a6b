package com.furnishcare.intake.alert;

import com.furnishcare.intake.background.OnePassAtATime;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.ticket.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending alert deliveries to their robots, like the outbox relay: takes due ones under a lease (so a
 * second gateway on the same Redis does not send them too), sends, records the outcome. A rate limit (45009),
 * WeCom being busy or unreachable is retried with back-off; a refusal that will not change (an unknown key
 * 93000, a malformed message 40058) is recorded as failed with its code and not retried.
 *
 * <p>A ticket alert is raised just before the turn that files the ticket is committed (so a crash between
 * the two cannot lose it); the sender therefore sends it only once the ticket is in the store, and drops it
 * if the ticket never appears — that turn was not committed, and the homeowner was never told its number.
 */
public final class AlertSender {

  private static final Logger LOG = LoggerFactory.getLogger(AlertSender.class);
  /** Longer than one send may take (10 s timeout) with room for a slow store. */
  static final Duration LEASE = Duration.ofSeconds(60);
  static final int BATCH = 20;
  /** With the default back-off (5 s doubling) the last tries are over ten minutes apart: a long outage. */
  static final int MAX_ATTEMPTS = 12;
  /** How long a raised ticket alert waits for its ticket's turn to commit before it is taken as never filed. */
  static final Duration TICKET_GRACE = Duration.ofMinutes(10);
  private static final Duration TICKET_RECHECK = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final AlertStore store;
  private final TicketStore tickets;
  private final Supplier<AlertBook> book;
  private final WeComRobot robot;
  private final Backoff backoff;
  private final Clock clock;
  private final OnePassAtATime passes = new OnePassAtATime();

  public AlertSender(Vertx vertx, AlertStore store, TicketStore tickets, Supplier<AlertBook> book, WeComRobot robot,
      Backoff backoff, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.tickets = tickets;
    this.book = book;
    this.robot = robot;
    this.backoff = backoff;
    this.clock = clock;
  }

  public void start(Duration interval) {
    passes.repeat(vertx, interval, this::runOnce);
  }

  /** No further passes; completes when the pass under way has recorded its outcomes. */
  public Future<Void> stop() {
    return passes.stop();
  }

  /** One pass over the due deliveries; resolves with how many were taken, once each has an outcome. */
  public Future<Integer> runOnce() {
    return passes.run(() -> store.claimDue(clock.instant(), BATCH, LEASE)
        .compose(due -> {
          List<Future<Void>> outcomes = new ArrayList<>();
          for (AlertDelivery d : due) {
            outcomes.add(deliver(d).recover(err -> {
              // The outcome could not be written: the lease runs out and the delivery is taken again.
              LOG.warn("alert {} to {}: outcome not recorded: {}", d.alertId(), d.robot(), err.toString());
              return Future.succeededFuture();
            }));
          }
          return Future.join(outcomes).transform(ignored -> Future.succeededFuture(due.size()));
        })
        .onFailure(err -> LOG.warn("alert pass failed: {}", err.toString())));
  }

  private Future<Void> deliver(AlertDelivery d) {
    var key = book.get().key(d.robot());
    if (key.isEmpty()) {
      LOG.warn("alert {} not sent: the alerts file names no robot '{}' any more", d.alertId(), d.robot());
      return store.finish(d.id(), AlertState.FAILED, "no robot '" + d.robot() + "' in the alerts file", clock.instant());
    }
    Future<Boolean> ticketThere = d.ticketId().isEmpty() || !d.kind().aboutTicket()
        ? Future.succeededFuture(true)
        : tickets.get(d.ticketId()).map(t -> t.isPresent());
    return ticketThere.compose(there -> {
      Instant now = clock.instant();
      if (!there) {
        if (now.isAfter(d.createdAt().plus(TICKET_GRACE))) {
          LOG.info("alert {} dropped: ticket {} was never filed", d.alertId(), d.ticketId());
          return store.finish(d.id(), AlertState.DROPPED, "ticket " + d.ticketId() + " was never filed", now);
        }
        return store.retry(d.id(), d.attempts(), now.plus(TICKET_RECHECK), "waiting for ticket " + d.ticketId());
      }
      return robot.sendMarkdown(key.get(), d.content()).transform(ar -> outcome(d, ar.succeeded() ? ar.result() : null,
          ar.succeeded() ? "" : ar.cause().getMessage()));
    });
  }

  private Future<Void> outcome(AlertDelivery d, WeComRobot.Answer answer, String failure) {
    Instant now = clock.instant();
    if (answer != null && answer.ok()) {
      LOG.info("alert {} sent to {}", d.alertId(), d.robot());
      return store.finish(d.id(), AlertState.SENT, "ok", now);
    }
    String why = answer == null ? failure : answer.errcode() + " " + RobotKeys.maskIn(answer.errmsg());
    if (answer != null && !answer.retryable()) {
      LOG.error("alert {} refused by robot {} for good: {}", d.alertId(), d.robot(), why);
      return store.finish(d.id(), AlertState.FAILED, why, now);
    }
    int attempts = d.attempts() + 1;
    if (attempts >= MAX_ATTEMPTS) {
      LOG.error("alert {} to {} given up after {} attempts: {}", d.alertId(), d.robot(), attempts, why);
      return store.finish(d.id(), AlertState.FAILED, "gave up after " + attempts + " attempts: " + why, now);
    }
    Duration wait = backoff.delay(attempts);
    LOG.warn("alert {} to {} not sent (attempt {}), retrying in {}: {}", d.alertId(), d.robot(), attempts, wait, why);
    return store.retry(d.id(), attempts, now.plus(wait), why);
  }
}
