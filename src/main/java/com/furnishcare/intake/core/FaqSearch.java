package com.furnishcare.intake.core;

import io.vertx.core.Future;

/** The knowledge base (port). Searches run off the event loop. */
public interface FaqSearch {

  /**
   * Up to {@code limit} hits for a question with the decision, or the one entry asked for by id
   * (decision answer; none when that id no longer exists).
   */
  Future<FaqResult> find(FaqQuery query, int limit);
}
