package com.furnishcare.intake.agent;

/**
 * Where the console's actions are written with who did them and when (take, reply, hand back, reassign,
 * ticket changes). Never fails the action it records: a lost audit line is logged, not shown to the agent.
 */
@FunctionalInterface
public interface AuditTrail {

  void record(String actor, String action, String target, String detail);

  static AuditTrail none() {
    return (actor, action, target, detail) -> { };
  }
}
