package com.furnishcare.intake.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.dialog.Lookups;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's look-ups wait for slow sources on a worker, fail the turn on errors, and never stop an event loop. */
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
  void onAnEventLoopALookupThatWouldWaitIsRefused() throws Exception {
    Lookups lookups = TurnLookups.waitingOn(answeringLater(50, Future.succeededFuture(List.of())), Duration.ofSeconds(5));
    Promise<Throwable> seen = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        lookups.tickets(TicketQuery.ofId("T1"), 1);
        seen.complete(null);
      } catch (IllegalStateException e) {
        seen.complete(e);
      }
    });
    Throwable refused = seen.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(refused instanceof IllegalStateException, String.valueOf(refused));
  }
}
