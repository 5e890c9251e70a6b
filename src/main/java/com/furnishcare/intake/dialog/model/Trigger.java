package com.furnishcare.intake.dialog.model;

import com.furnishcare.intake.dialog.nlu.Intent;
import java.util.OptionalInt;
import java.util.Set;

/**
 * When a flow starts: on one of these intents, on a message naming a complaint category, or after a
 * pause in one of the flows {@code afterPauseOf} names (empty: after a pause in any flow).
 */
public record Trigger(Set<Intent> intents, boolean onCategory, OptionalInt afterPauseMinutes,
    Set<String> afterPauseOf) {

  public Trigger {
    afterPauseOf = Set.copyOf(afterPauseOf);
  }
}
