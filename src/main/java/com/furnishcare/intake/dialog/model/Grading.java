package com.furnishcare.intake.dialog.model;

import java.time.Duration;
import java.util.Map;

/** Rules that give a complaint its level (1-3) and the deadlines that follow from it. */
public record Grading(Map<Integer, Level> levels, int defaultLevel, Map<String, Integer> categoryLevels,
    int escalationLevel, int repeatComplaintRaise) {

  public record Level(String label, Duration firstResponse, Duration resolution) {}

  /**
   * @param escalated the user used escalation words (12315, 媒体, 律师 ...)
   * @param earlierTicketsOnOrder tickets already filed for the same order
   */
  public int grade(String category, boolean escalated, int earlierTicketsOnOrder) {
    int level = categoryLevels.getOrDefault(category, defaultLevel);
    if (earlierTicketsOnOrder > 0) {
      level += repeatComplaintRaise;
    }
    if (escalated) {
      level = Math.max(level, escalationLevel);
    }
    return Math.max(1, Math.min(3, level));
  }

  public Level level(int level) {
    return levels.get(level);
  }
}
