package com.furnishcare.intake.dialog;

/**
 * Thrown by a look-up or a write the engine asked for when the turn runs where it may not wait (an event
 * loop) and the answer is not at hand. It is thrown before the look-up or write starts, so nothing of the turn
 * has happened: whoever ran it runs the same turn again on a worker thread, where waiting is allowed.
 *
 * <p>Most turns need no wait (a menu choice, an intake answer, a question the knowledge base answered before),
 * and deciding them where the message arrived spares each one two thread hand-overs.
 */
public final class NeedsWorker extends RuntimeException {

  public NeedsWorker(String what) {
    // No stack trace: this is the expected way out of an inline attempt, not an error, and it may be frequent.
    super(what, null, false, false);
  }
}
