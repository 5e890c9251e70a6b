package com.furnishcare.intake.survey.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.dialog.NeedsWorker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A turn is first tried on the event loop its message arrived on. A survey answer met there must not be written
 * then (the store call would have to be waited for) nor twice (the turn runs again on a worker and writes it).
 */
class StoreSurveyRecorderTest {

  private final Vertx vertx = Vertx.vertx();
  /** The names of the store methods called, in order. */
  private final List<String> calls = new ArrayList<>();
  private final SurveyStore store = (SurveyStore) Proxy.newProxyInstance(SurveyStore.class.getClassLoader(),
      new Class<?>[] {SurveyStore.class}, (proxy, method, args) -> {
        synchronized (calls) {
          calls.add(method.getName());
        }
        return method.getReturnType() == Future.class
            ? Future.succeededFuture(method.getName().equals("job") ? Optional.empty() : Boolean.TRUE) : null;
      });
  private final StoreSurveyRecorder recorder = new StoreSurveyRecorder(store, Duration.ofSeconds(5));
  private final SurveyAnswer answer = new SurveyAnswer("attitude", Optional.of(2), "2分", Instant.now());

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void onAnEventLoopNothingIsReadOrWrittenAndTheTurnIsSentToAWorker() throws Exception {
    Promise<List<Throwable>> seen = Promise.promise();
    vertx.runOnContext(v -> {
      List<Throwable> thrown = new ArrayList<>();
      for (Runnable call : List.<Runnable>of(() -> recorder.answered("job-1", "wechat", answer),
          () -> recorder.completed("job-1", Instant.now()), () -> recorder.optedOut("wechat:o-1", Instant.now()),
          () -> recorder.job("job-1"))) {
        try {
          call.run();
        } catch (RuntimeException e) {
          thrown.add(e);
        }
      }
      seen.complete(thrown);
    });
    List<Throwable> thrown = seen.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(4, thrown.size(), "every call refused: " + thrown);
    assertTrue(thrown.stream().allMatch(e -> e instanceof NeedsWorker), thrown.toString());
    assertEquals(List.of(), calls, "the store was not touched");
  }

  @Test
  void onAWorkerTheAnswerIsWrittenOnce() throws Exception {
    vertx.executeBlocking(() -> {
      recorder.answered("job-1", "wechat", answer);
      return null;
    }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of("saveAnswer"), calls);
  }
}
