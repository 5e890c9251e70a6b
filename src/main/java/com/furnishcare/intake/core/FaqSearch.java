package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.util.Optional;

/** The knowledge base (port). Searches run off the event loop. */
public interface FaqSearch {

  /**
   * Up to {@code limit} hits for a question with the decision, or the one entry asked for by id
   * (decision answer; none when that id no longer exists).
   */
  Future<FaqResult> find(FaqQuery query, int limit);

  /**
   * The answer when it is at hand without a search (the same question answered before by the current
   * knowledge base), else empty. Never searches, never waits: safe on an event loop.
   */
  default Optional<FaqResult> answeredAlready(FaqQuery query, int limit) {
    return Optional.empty();
  }
}
