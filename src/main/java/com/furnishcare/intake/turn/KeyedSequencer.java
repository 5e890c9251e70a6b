package com.furnishcare.intake.turn;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key. Two messages from the same user that arrive
 * together must not both read the old session and overwrite each other's turn.
 */
final class KeyedSequencer {

  private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

  /** Runs {@code task} after every earlier task of {@code key} has finished. */
  <T> Future<T> run(String key, Supplier<Future<T>> task) {
    Promise<T> done = Promise.promise();
    Future<?> previous = tails.put(key, done.future());
    Future<?> start = previous == null ? Future.succeededFuture() : previous.transform(ar -> Future.succeededFuture());
    start.onComplete(ignored -> {
      Future<T> result;
      try {
        result = task.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        tails.remove(key, done.future());
        done.handle(ar);
      });
    });
    return done.future();
  }
}
