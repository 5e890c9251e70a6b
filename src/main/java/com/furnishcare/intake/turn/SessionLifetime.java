package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.Session;
import java.time.Duration;
import java.util.Optional;

/** How long a conversation is kept after a turn, given the session it had before that turn. */
@FunctionalInterface
public interface SessionLifetime {

  Duration after(Optional<Session> before);

  /** The same idle time after every turn (WeChat: the platform vouches for every user). */
  static SessionLifetime idle(Duration idle) {
    return before -> idle;
  }

  /**
   * A short life for a conversation that has had only its first turn, the full idle time from the
   * second on: starting a web chat costs nothing, so one-message conversations must not pile up for days.
   */
  static SessionLifetime shortUntilSecondTurn(Duration firstTurn, Duration idle) {
    return before -> before.isPresent() ? idle : firstTurn;
  }
}
