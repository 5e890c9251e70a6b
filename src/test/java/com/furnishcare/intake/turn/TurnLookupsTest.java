package com.furnishcare.intake.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.dialog.Lookups;
import com.furnishcare.intake.dialog.NeedsWorker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's look-ups wait for slow sources on a worker, fail the turn on errors, and never stop an event loop:
 * there only an answer at hand is given, and anything else is refused before it starts (the turn then runs on a
 * worker).
 */
class TurnLookupsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Tickets answered by the event loop some time after they are asked for, as the Redis store does. */
  private TurnLookups.Sources answeringLater(long millis, Future<List<Ticket>> outcome) {
    return new TurnLookups.Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        Promise<List<Ticket>> later = Promise.promise();
        vertx.setTimer(millis, id -> outcome.onComplete(later));
        return later.future();
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        return Future.failedFuture("not asked here");
      }
    };
  }

  @Test
  void aWorkerWaitsForTheAnswerOfASlowSource() throws Exception {
    Lookups lookups = TurnLookups.waitingOn(answeringLater(150, Future.succeededFuture(List.of())), Duration.ofSeconds(5));
    List<Ticket> found = vertx.executeBlocking(() -> lookups.tickets(TicketQuery.ofId("T1"), 1))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(List.of(), found);
  }

  @Test
  void aFailedOrLateLookupFailsTheTurnInsteadOfInventingAnAnswer() {
    Lookups failing = TurnLookups.waitingOn(answeringLater(10, Future.failedFuture("store down")), Duration.ofSeconds(5));
    Exception failed = assertThrows(Exception.class, () -> vertx.executeBlocking(() -> failing.tickets(TicketQuery.ofId("T1"), 1))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(failed.getCause() instanceof TurnLookups.LookupFailed, failed.toString());

    Lookups late = TurnLookups.waitingOn(answeringLater(5_000, Future.succeededFuture(List.of())), Duration.ofMillis(100));
    Exception timedOut = assertThrows(Exception.class, () -> vertx.executeBlocking(() -> late.tickets(TicketQuery.ofId("T1"), 1))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertTrue(timedOut.getCause() instanceof TurnLookups.LookupFailed, timedOut.toString());
  }

  @Test
  void onAnEventLoopALookupThatWouldWaitIsRefusedBeforeItStarts() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    TurnLookups.Sources counting = new TurnLookups.Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        asked.incrementAndGet();
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        asked.incrementAndGet();
        return Future.succeededFuture(new FaqResult(FaqResult.Decision.NONE, List.of()));
      }
    };
    Lookups lookups = TurnLookups.waitingOn(counting, Duration.ofSeconds(5));
    List<Throwable> refused = onEventLoop(() -> lookups.tickets(TicketQuery.ofId("T1"), 1),
        () -> lookups.faq(FaqQuery.question("柜门合不上")));
    assertTrue(refused.stream().allMatch(e -> e instanceof NeedsWorker), String.valueOf(refused));
    assertEquals(0, asked.get(), "nothing was started: the worker asks again");
  }

  @Test
  void onAnEventLoopAnAnswerAtHandIsGiven() throws Exception {
    FaqResult known = new FaqResult(FaqResult.Decision.NONE, List.of());
    TurnLookups.Sources answered = new TurnLookups.Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        return Future.failedFuture("not asked here");
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        return Future.failedFuture("no search: the answer is at hand");
      }

      @Override
      public Optional<FaqResult> faqAnswered(FaqQuery query, int limit) {
        return Optional.of(known);
      }
    };
    Lookups lookups = TurnLookups.waitingOn(answered, Duration.ofSeconds(5));
    Promise<FaqResult> got = Promise.promise();
    vertx.runOnContext(v -> got.complete(lookups.faq(FaqQuery.question("柜门合不上"))));
    assertSame(known, got.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
  }

  /** Runs each call on an event loop; what each threw (null: it returned). */
  private List<Throwable> onEventLoop(Runnable... calls) throws Exception {
    Promise<List<Throwable>> seen = Promise.promise();
    vertx.runOnContext(v -> {
      List<Throwable> thrown = new ArrayList<>();
      for (Runnable call : calls) {
        try {
          call.run();
          thrown.add(null);
        } catch (RuntimeException e) {
          thrown.add(e);
        }
      }
      seen.complete(thrown);
    });
    return seen.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
