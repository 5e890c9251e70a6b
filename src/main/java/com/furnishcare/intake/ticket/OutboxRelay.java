package com.furnishcare.intake.ticket;

import com.furnishcare.intake.background.OnePassAtATime;
import com.furnishcare.intake.core.Outbox;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.TicketSink;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves tickets from the outbox to the sink: takes due entries (leased, so a second gateway on the same
 * Redis does not send them too), delivers, and records the outcome — retried with back-off, and a dead
 * letter after {@code maxAttempts}. Runs on a timer; never more than one pass at a time per process.
 */
public final class OutboxRelay {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  /** Longer than a delivery may take (the webhook times out after 10 s); OUTBOX_LEASE_MS sets another. */
  static final Duration LEASE = Duration.ofSeconds(60);
  private static final int BATCH = 20;

  private final Vertx vertx;
  private final Outbox outbox;
  private final TicketStore tickets;
  private final TicketSink sink;
  private final Backoff backoff;
  private final int maxAttempts;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final Duration lease;
  private final OnePassAtATime passes = new OnePassAtATime();

  public OutboxRelay(Vertx vertx, Outbox outbox, TicketStore tickets, TicketSink sink, Backoff backoff,
      int maxAttempts, GatewayMetrics metrics, Clock clock) {
    this(vertx, outbox, tickets, sink, backoff, maxAttempts, metrics, clock, LEASE);
  }

  public OutboxRelay(Vertx vertx, Outbox outbox, TicketStore tickets, TicketSink sink, Backoff backoff,
      int maxAttempts, GatewayMetrics metrics, Clock clock, Duration lease) {
    this.lease = lease;
    this.vertx = vertx;
    this.outbox = outbox;
    this.tickets = tickets;
    this.sink = sink;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void start(Duration interval) {
    passes.repeat(vertx, interval, this::runOnce);
  }

  /**
   * No further passes; completes when the pass under way has recorded its outcomes, so the store can be
   * closed after it (a delivery cut off between the sink and the outbox would be sent again after restart).
   */
  public Future<Void> stop() {
    return passes.stop();
  }

  /** One pass over the due entries; resolves when every delivery of the pass has an outcome. */
  public Future<Integer> runOnce() {
    return passes.run(() -> {
      Instant now = clock.instant();
      return outbox.takeDue(now, lease, BATCH)
          .compose(due -> {
            List<Future<Void>> outcomes = new ArrayList<>();
            for (OutboxEntry entry : due) {
              outcomes.add(deliver(entry));
            }
            return Future.join(outcomes).transform(ignored -> Future.succeededFuture(due.size()));
          })
          .compose(count -> outbox.stats().map(stats -> {
            metrics.outbox(stats, clock.instant());
            return count;
          }))
          .onFailure(err -> LOG.warn("outbox pass failed: {}", err.toString()));
    });
  }

  private Future<Void> deliver(OutboxEntry entry) {
    return tickets.get(entry.ticketId())
        .compose(ticket -> ticket.isPresent() ? sink.deliver(ticket.get())
            : Future.failedFuture("ticket " + entry.ticketId() + " is not in the store"))
        .compose(reference -> {
          metrics.ticketDelivered(sink.name(), "delivered");
          return outbox.delivered(entry.ticketId(), entry.generation());
        }, err -> {
          int attempts = entry.attempts() + 1;
          boolean dead = attempts >= maxAttempts;
          Instant next = clock.instant().plus(backoff.delay(attempts));
          metrics.ticketDelivered(sink.name(), dead ? "dead_lettered" : "retry");
          String error = String.valueOf(err.getMessage());
          if (dead) {
            LOG.error("ticket {} could not be delivered to {} after {} attempts, now a dead letter: {}",
                entry.ticketId(), sink.name(), attempts, error);
          } else {
            LOG.warn("delivery of ticket {} to {} failed (attempt {}), retrying after {}: {}", entry.ticketId(),
                sink.name(), attempts, Duration.between(clock.instant(), next), error);
          }
          return outbox.failed(entry.ticketId(), attempts, next, error, dead);
        });
  }
}
