package com.furnishcare.intake.dialog.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A conversation flow loaded from one YAML file.
 *
 * @param handoffFromLevel once the collected facts grade the complaint at this level or above (a leak, a
 *     safety hazard), a person takes over at once; empty: never
 */
public record Flow(String id, String file, Trigger trigger, Map<String, SlotSpec> slots, List<Step> steps,
    int maxTries, String acknowledge, OptionalInt handoffFromLevel) {

  public Step first() {
    return steps.get(0);
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }

  /** The name of this flow's slot of the given type (at most one per type), if it has one. */
  public Optional<String> slotOfType(SlotType type) {
    return slots.values().stream().filter(s -> s.type() == type).map(SlotSpec::name).findFirst();
  }
}
