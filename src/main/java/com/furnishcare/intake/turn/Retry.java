package com.furnishcare.intake.turn;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Calls again, after a short and growing pause (0.5 s, 2 s, …), when a send to the homeowner fails for a
 * reason that may pass; a refusal the platform says will not go away is not retried. Used for pushes
 * (kefu messages) and status SMS, where the homeowner waits but nothing is stored to retry later.
 */
public final class Retry {

  private Retry() {}

  /** Resolves with the first success, or fails with the permanent refusal or the last failure. */
  public static <T> Future<T> withPauses(Vertx vertx, int attempts, Predicate<Throwable> permanent,
      Supplier<Future<T>> call) {
    return attempt(vertx, 1, attempts, permanent, call);
  }

  private static <T> Future<T> attempt(Vertx vertx, int attempt, int attempts, Predicate<Throwable> permanent,
      Supplier<Future<T>> call) {
    return call.get().recover(err -> {
      if (permanent.test(err) || attempt >= attempts) {
        return Future.failedFuture(err);
      }
      Promise<T> next = Promise.promise();
      vertx.setTimer(500L * attempt * attempt,
          id -> attempt(vertx, attempt + 1, attempts, permanent, call).onComplete(next));
      return next.future();
    });
  }
}
