package com.furnishcare.intake.turn;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of turns still under way, including what runs after the HTTP answer went out: a turn past
 * its reply budget (WeChat was answered "success" and the reply will be pushed), the transcript written
 * for the agents, the pushes. A graceful stop waits for it before closing the stores; the HTTP server's
 * drain alone does not, and the store closing under such work lost it (GracefulShutdownUnderLoadIT).
 */
final class InFlightWork {

  private int pending;
  private List<Promise<Void>> waiting = new ArrayList<>();

  /** Counts {@code work} until it completes (either way); returns it. */
  <T> Future<T> track(Future<T> work) {
    synchronized (this) {
      pending++;
    }
    work.onComplete(ignored -> finished());
    return work;
  }

  /** Completes when nothing tracked is under way (at once if nothing is). */
  Future<Void> settled() {
    synchronized (this) {
      if (pending > 0) {
        Promise<Void> promise = Promise.promise();
        waiting.add(promise);
        return promise.future();
      }
    }
    return Future.succeededFuture();
  }

  private void finished() {
    List<Promise<Void>> done;
    synchronized (this) {
      if (--pending > 0) {
        return;
      }
      done = waiting;
      waiting = new ArrayList<>();
    }
    done.forEach(Promise::tryComplete);
  }
}
