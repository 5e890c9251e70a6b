package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link SurveyRecorder} on the survey store, waiting (bounded) on the turn's worker thread. */
public final class StoreSurveyRecorder implements SurveyRecorder {

  private final SurveyStore store;
  private final Duration timeout;

  public StoreSurveyRecorder(SurveyStore store, Duration timeout) {
    this.store = store;
    this.timeout = timeout;
  }

  @Override
  public Optional<SurveyJob> job(String jobId) {
    return await(store.job(jobId));
  }

  @Override
  public void answered(String jobId, String channel, SurveyAnswer answer) {
    await(store.saveAnswer(jobId, channel, answer));
  }

  @Override
  public void completed(String jobId, Instant at) {
    await(store.complete(jobId, at));
  }

  @Override
  public void optedOut(String contact, Instant at) {
    await(store.optOut(contact, at));
  }

  private <T> T await(Future<T> future) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a survey answer is written from the turn's worker, never an event loop");
    }
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a survey answer", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the survey store did not answer: " + e.getMessage(), e);
    }
  }
}
