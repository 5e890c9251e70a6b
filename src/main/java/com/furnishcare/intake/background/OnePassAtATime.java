package com.furnishcare.intake.background;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The passes of a background job (the outbox relay, the survey dispatcher, the alert sender and sweeps):
 * never two at once in a process, none once stopped, and a stop that completes only when the pass under way
 * has recorded its outcomes, so the store can be closed after it. A job run on a fixed period lets this
 * keep its timer ({@link #repeat}), so stopping also ends the timer.
 */
public final class OnePassAtATime {

  private final AtomicBoolean running = new AtomicBoolean();
  private boolean stopped;
  /** Completes when the pass under way (if any) is done. */
  private volatile Future<Void> pass = Future.succeededFuture();
  private Vertx timerOwner;
  private long timer = -1;

  /** Starts {@code pass} every {@code interval} until {@link #stop}. */
  public synchronized void repeat(Vertx vertx, Duration interval, Runnable pass) {
    if (!stopped) {
      timerOwner = vertx;
      timer = vertx.setPeriodic(interval.toMillis(), id -> pass.run());
    }
  }

  /** Runs a pass unless one is under way or the job is stopped (then resolves with 0 items). */
  public Future<Integer> run(Supplier<Future<Integer>> work) {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      if (stopped || !running.compareAndSet(false, true)) {
        return Future.succeededFuture(0);
      }
      pass = done.future();
    }
    Future<Integer> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.eventually(() -> {
      running.set(false);
      done.complete();
      return Future.succeededFuture();
    });
  }

  /** No further passes (the period's timer, if any, ends); completes when the pass under way is done. */
  public Future<Void> stop() {
    synchronized (this) {
      stopped = true;
      if (timer >= 0) {
        timerOwner.cancelTimer(timer);
        timer = -1;
      }
    }
    return pass;
  }

  public synchronized boolean stopped() {
    return stopped;
  }
}
