package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conversations handed to people: at most one open case per conversation, owned by at most one
 * agent. Every change of owner is a compare-and-set in the store, so two agents (on two processes)
 * taking the same case at once end with one owner, and a hand-back never undoes a reassignment.
 */
public interface AgentQueue {

  /** Opens the case unless its conversation already has one; resolves with whether it was opened. */
  Future<Boolean> open(HandoffCase candidate);

  Future<Optional<HandoffCase>> get(String conversation);

  /** Every open case, waiting or owned, in no particular order (the console sorts). */
  Future<List<HandoffCase>> all();

  /**
   * Gives the case to {@code newOwner} (empty: back to the queue) if its owner is still
   * {@code expectedOwner}; resolves with the case as changed, or empty when it is gone or someone else
   * changed it first.
   */
  Future<Optional<HandoffCase>> assign(String conversation, Optional<String> expectedOwner,
      Optional<String> newOwner, Instant at);

  /** Closes the case if its owner is still {@code expectedOwner}; resolves with whether it was closed. */
  Future<Boolean> close(String conversation, Optional<String> expectedOwner);

  /** Something worth a time stamp happened in an open case; nothing happens when the case is closed. */
  Future<Void> mark(String conversation, Mark what, Instant at);

  enum Mark {
    /** The homeowner wrote. */
    INBOUND,
    /** A person answered; only the first time counts. */
    FIRST_RESPONSE,
    /** The owner's console is connected. */
    OWNER_SEEN
  }
}
