package com.furnishcare.intake.survey.dispatch;

import com.furnishcare.intake.background.OnePassAtATime;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due survey jobs in the background, at most {@code ratePerSecond}: each pass claims (leased) one
 * second's worth and starts them spread over that second. Per job, in order: inside quiet hours it is due
 * again when they end (nothing recorded); older than {@link #STALE_AFTER} → {@code expired}; a contact
 * opted out → {@code opted_out}; surveyed within {@code minInterval} → {@code held}; otherwise a page code
 * is issued and the delivery's outcome recorded. A delivery that could not ask its provider leaves the job
 * to be tried again after {@link #RETRY_AFTER}. Never more than one pass at a time per process; several
 * processes share the work through the store's leases.
 */
public final class SurveyDispatcher {

  /**
   * @param minInterval at most one survey per homeowner within this (zero: no limit)
   * @param quietHours when nothing is pushed (empty: any time)
   * @param codeLifetime how long a survey page code stays valid
   */
  public record Settings(Duration minInterval, Optional<QuietHours> quietHours, int ratePerSecond,
      Duration codeLifetime) {}

  private static final Logger LOG = LoggerFactory.getLogger(SurveyDispatcher.class);
  /** Longer than a pass can take: one second of starts plus the providers' timeouts. */
  static final Duration LEASE = Duration.ofMinutes(2);
  /**
   * The longest one delivery may take (WxJava's retries on a busy API, the SMS SDK's 5 s + 10 s timeouts):
   * a job not started this long before its lease ends is left for the next claim rather than sent as the
   * lease runs out, when another process may claim and send it too.
   */
  static final Duration SEND_BUDGET = Duration.ofSeconds(90);
  static final Duration IDLE_POLL = Duration.ofSeconds(1);
  static final Duration RETRY_AFTER = Duration.ofMinutes(1);
  /** A survey not sent within a week of its event is no longer asked. */
  static final Duration STALE_AFTER = Duration.ofDays(7);

  private final Vertx vertx;
  private final SurveyStore store;
  private final SurveyDelivery delivery;
  private final Settings settings;
  private final Clock clock;
  private final OnePassAtATime passes = new OnePassAtATime();
  private long timer = -1;

  private final GatewayMetrics metrics;

  public SurveyDispatcher(Vertx vertx, SurveyStore store, SurveyDelivery delivery, Settings settings, Clock clock) {
    this(vertx, store, delivery, settings, clock, new GatewayMetrics());
  }

  /** @param metrics counts every outcome by kind and channel ({@code gateway_survey_outcomes}) */
  public SurveyDispatcher(Vertx vertx, SurveyStore store, SurveyDelivery delivery, Settings settings, Clock clock,
      GatewayMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.store = store;
    this.delivery = delivery;
    this.settings = settings;
    this.clock = clock;
  }

  /** Runs passes until {@link #stop}: right after a full pass, otherwise every second. */
  public void start() {
    schedule(IDLE_POLL.toMillis());
  }

  private synchronized void schedule(long delayMillis) {
    if (!passes.stopped()) {
      timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
        long began = System.nanoTime();
        runOnce().onComplete(ar -> {
          boolean full = ar.succeeded() && ar.result() >= settings.ratePerSecond();
          long spent = (System.nanoTime() - began) / 1_000_000;
          schedule(full ? 1000 - spent : IDLE_POLL.toMillis());
        });
      });
    }
  }

  /** No further passes; completes when the pass under way has recorded its outcomes. */
  public Future<Void> stop() {
    Future<Void> pass = passes.stop();
    synchronized (this) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    return pass;
  }

  /** One pass: claims up to one second's worth of due jobs and handles them; resolves with how many it claimed. */
  public Future<Integer> runOnce() {
    return passes.run(() -> {
      int batch = settings.ratePerSecond();
      Instant claimedAt = clock.instant();
      Instant lastStart = claimedAt.plus(LEASE).minus(SEND_BUDGET);
      return store.claimDue(claimedAt, batch, LEASE)
          .compose(jobs -> {
            Map<SurveyOutcome.Kind, Integer> tally = new EnumMap<>(SurveyOutcome.Kind.class);
            List<Future<Void>> handled = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
              SurveyJob job = jobs.get(i);
              long delay = i * 1000L / batch;
              Promise<Void> one = Promise.promise();
              Runnable go = () -> handle(job, lastStart, tally).onComplete(one);
              if (delay == 0) {
                go.run();
              } else {
                vertx.setTimer(delay, id -> go.run());
              }
              handled.add(one.future());
            }
            return Future.join(handled).transform(ignored -> {
              if (!jobs.isEmpty()) {
                LOG.info("survey pass: {} jobs, outcomes {}", jobs.size(), tally);
              }
              return Future.succeededFuture(jobs.size());
            });
          })
          .onFailure(err -> LOG.warn("survey pass failed: {}", err.toString()));
    });
  }

  private Future<Void> handle(SurveyJob job, Instant lastStart, Map<SurveyOutcome.Kind, Integer> tally) {
    Instant now = clock.instant();
    if (now.isAfter(lastStart)) {
      // The pass fell behind (a slow provider, a busy worker pool): too close to the lease's end to send.
      LOG.warn("survey {} not started before its lease ran short, left for the next pass", job.id());
      return store.postpone(job.id(), now);
    }
    Optional<QuietHours> quiet = settings.quietHours().filter(q -> q.contains(now));
    if (quiet.isPresent()) {
      return store.postpone(job.id(), quiet.get().endAfter(now));
    }
    if (now.isAfter(job.createdAt().plus(STALE_AFTER))) {
      return finish(job, SurveyOutcome.of(SurveyOutcome.Kind.EXPIRED), tally);
    }
    List<String> contacts = job.contacts();
    return anyOptedOut(contacts).compose(optedOut -> {
      if (optedOut) {
        return finish(job, SurveyOutcome.of(SurveyOutcome.Kind.OPTED_OUT), tally);
      }
      return store.reserveContacts(contacts, now, settings.minInterval()).compose(booked -> {
        if (!booked) {
          return finish(job, SurveyOutcome.of(SurveyOutcome.Kind.HELD), tally);
        }
        return store.issueCode(job.id(), now.plus(settings.codeLifetime()))
            .compose(code -> delivery.deliver(job, code))
            .compose(outcome -> (outcome.sent() ? Future.<Void>succeededFuture() : store.releaseContacts(contacts, now))
                .compose(released -> finish(job, outcome, tally)),
                err -> {
                  LOG.warn("survey {} could not be delivered now, retrying in {}: {}", job.id(), RETRY_AFTER,
                      com.furnishcare.intake.core.PersonalData.mask(String.valueOf(err.getMessage())));
                  return store.releaseContacts(contacts, now)
                      .compose(released -> store.postpone(job.id(), clock.instant().plus(RETRY_AFTER)));
                });
      });
    });
  }

  private Future<Boolean> anyOptedOut(List<String> contacts) {
    List<Future<Boolean>> checks = contacts.stream().map(store::optedOut).toList();
    return Future.all(checks).map(all -> checks.stream().anyMatch(Future::result));
  }

  private Future<Void> finish(SurveyJob job, SurveyOutcome outcome, Map<SurveyOutcome.Kind, Integer> tally) {
    synchronized (tally) {
      tally.merge(outcome.kind(), 1, Integer::sum);
    }
    metrics.surveyOutcome(outcome.kind().wire(), outcome.channel().orElse("none"));
    if (outcome.kind() == SurveyOutcome.Kind.REFUSED) {
      LOG.info("survey {} refused on {}: {} {}", job.id(), outcome.channel().orElse("?"), outcome.code().orElse(""),
          com.furnishcare.intake.core.PersonalData.mask(outcome.message().orElse("")));
    }
    return store.finish(job.id(), outcome, clock.instant());
  }
}
