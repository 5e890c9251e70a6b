package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.dialog.NeedsWorker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@link SurveyRecorder} on the survey store, waiting (bounded) on the turn's worker thread. Asked on an event
 * loop (a turn tried where its message arrived) it throws {@link NeedsWorker} before reading or writing
 * anything, so the turn runs again on a worker and each answer is written once.
 */
public final class StoreSurveyRecorder implements SurveyRecorder {

  private final SurveyStore store;
  private final Duration timeout;

  public StoreSurveyRecorder(SurveyStore store, Duration timeout) {
    this.store = store;
    this.timeout = timeout;
  }

  @Override
  public Optional<SurveyJob> job(String jobId) {
    return await(() -> store.job(jobId));
  }

  @Override
  public void answered(String jobId, String channel, SurveyAnswer answer) {
    await(() -> store.saveAnswer(jobId, channel, answer));
  }

  @Override
  public void completed(String jobId, Instant at) {
    await(() -> store.complete(jobId, at));
  }

  @Override
  public void optedOut(String contact, Instant at) {
    await(() -> store.optOut(contact, at));
  }

  /** Starts the store call only where its answer may be waited for. */
  private <T> T await(Supplier<Future<T>> call) {
    if (Context.isOnEventLoopThread()) {
      throw new NeedsWorker("survey store");
    }
    try {
      return call.get().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a survey answer", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the survey store did not answer: " + e.getMessage(), e);
    }
  }
}
