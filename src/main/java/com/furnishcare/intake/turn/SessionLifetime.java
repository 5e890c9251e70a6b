package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.Session;
import java.time.Duration;
import java.util.Optional;

/** How long a conversation is kept after a turn, given the session it had before that turn and the message. */
@FunctionalInterface
public interface SessionLifetime {

  Duration after(Optional<Session> before, InboundMessage message);

  /** The same idle time after every turn (WeChat: the platform vouches for every user). */
  static SessionLifetime idle(Duration idle) {
    return (before, message) -> idle;
  }

  /**
   * A short life for a conversation that has had only its first turn, the full idle time from the
   * second on: starting a web chat costs nothing, so one-message conversations must not pile up for days.
   * A conversation an SMS started gets the full time at once: its sender is a real phone, and they open
   * the link sent back to them later.
   */
  static SessionLifetime shortUntilSecondTurn(Duration firstTurn, Duration idle) {
    return (before, message) -> before.isPresent() || !message.attribute(InboundMessage.VERIFIED_MOBILE).isEmpty()
        ? idle : firstTurn;
  }
}
