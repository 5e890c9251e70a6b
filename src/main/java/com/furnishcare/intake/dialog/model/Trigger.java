package com.furnishcare.intake.dialog.model;

import com.furnishcare.intake.dialog.nlu.Intent;
import java.util.OptionalInt;
import java.util.Set;

/** When a flow starts: on one of these intents, on a message naming a complaint category, or after a pause. */
public record Trigger(Set<Intent> intents, boolean onCategory, OptionalInt afterPauseMinutes) {}
