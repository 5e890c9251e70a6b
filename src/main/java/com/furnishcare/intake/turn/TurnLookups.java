package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.dialog.Lookups;
import com.furnishcare.intake.dialog.NeedsWorker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place that answers the engine's look-ups (tickets, the knowledge base) from asynchronous
 * sources: the gateway's stores and FAQ index, or in-memory lists in tests. The engine runs on a worker
 * thread and waits here for each answer, so a turn is decided once, straight through, never replayed.
 */
public final class TurnLookups {

  /** Where the answers come from: the stores and the FAQ index in the gateway, in-memory lists in tests. */
  public interface Sources {
    Future<List<Ticket>> tickets(TicketQuery query, int limit);

    Future<FaqResult> faq(FaqQuery query, int limit);

    /** The knowledge base's answer when it is at hand without a search; never waits (default: never at hand). */
    default Optional<FaqResult> faqAnswered(FaqQuery query, int limit) {
      return Optional.empty();
    }
  }

  /** Hits asked of the knowledge base per question: the engine offers at most three. */
  static final int FAQ_HITS = 3;

  private TurnLookups() {}

  /** The gateway's sources: the ticket store and the FAQ search (both answer on their own threads). */
  public static Sources from(TicketStore tickets, FaqSearch faq) {
    return new Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        return tickets.find(query, limit);
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        return faq.find(query, limit);
      }

      @Override
      public Optional<FaqResult> faqAnswered(FaqQuery query, int limit) {
        return faq.answeredAlready(query, limit);
      }
    };
  }

  /**
   * The engine's port over these sources: on a worker thread each look-up waits at most {@code timeout} for
   * its answer. On an event loop, where waiting would stop every connection of the loop, only an answer at
   * hand is given (a question the knowledge base answered before); any other look-up throws {@link
   * NeedsWorker} before it starts, and the turn is run again on a worker.
   */
  public static Lookups waitingOn(Sources sources, Duration timeout) {
    return new Lookups() {
      @Override
      public List<Ticket> tickets(TicketQuery query, int limit) {
        if (Context.isOnEventLoopThread()) {
          throw new NeedsWorker("ticket look-up");
        }
        return await(sources.tickets(query, limit), timeout, query);
      }

      @Override
      public FaqResult faq(FaqQuery query) {
        if (Context.isOnEventLoopThread()) {
          return sources.faqAnswered(query, FAQ_HITS).orElseThrow(() -> new NeedsWorker("knowledge base search"));
        }
        return await(sources.faq(query, FAQ_HITS), timeout, query);
      }
    };
  }

  private static <T> T await(Future<T> future, Duration timeout, Object what) {
    if (future.isComplete()) {
      if (future.failed()) {
        throw new LookupFailed(what, future.cause());
      }
      return future.result();
    }
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new LookupFailed(what, e.getCause());
    } catch (TimeoutException e) {
      throw new LookupFailed(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LookupFailed(what, e);
    }
  }

  /** A look-up the turn needed failed: the turn fails as a whole, and nothing of it is committed. */
  public static final class LookupFailed extends RuntimeException {
    LookupFailed(Object what, Throwable cause) {
      super("look-up failed: " + what, cause);
    }
  }
}
