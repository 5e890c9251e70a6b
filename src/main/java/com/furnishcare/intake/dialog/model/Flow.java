package com.furnishcare.intake.dialog.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A conversation flow loaded from one YAML file. */
public record Flow(String id, String file, Trigger trigger, Map<String, SlotSpec> slots, List<Step> steps,
    int maxTries, String acknowledge) {

  public Step first() {
    return steps.get(0);
  }

  public Optional<Step> step(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
  }
}
