package com.furnishcare.intake.background;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The passes of a background job (the outbox relay, the survey dispatcher): never two at once in a
 * process, none once stopped, and a stop that completes only when the pass under way has recorded its
 * outcomes, so the store can be closed after it.
 */
public final class OnePassAtATime {

  private final AtomicBoolean running = new AtomicBoolean();
  private boolean stopped;
  /** Completes when the pass under way (if any) is done. */
  private volatile Future<Void> pass = Future.succeededFuture();

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

  /** No further passes; completes when the pass under way is done. */
  public Future<Void> stop() {
    synchronized (this) {
      stopped = true;
    }
    return pass;
  }

  public synchronized boolean stopped() {
    return stopped;
  }
}
