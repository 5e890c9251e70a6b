package com.furnishcare.intake.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one write changes in the aggregates: per cell, the counts to add (negative to take away). Built from
 * the contribution of the old state (subtracted) and of the new state (added), so a ticket that moves cells
 * (another level, another dealer) leaves its old cell and enters its new one; cells that net to nothing are
 * dropped.
 */
public final class ReportDelta {

  private final TreeMap<CellKey, Counters> cells = new TreeMap<>();

  public ReportDelta add(CellKey key, Counters counts, int sign) {
    Counters cell = cells.computeIfAbsent(key, k -> new Counters());
    cell.addAll(counts, sign);
    if (cell.isEmpty()) {
      cells.remove(key);
    }
    return this;
  }

  public ReportDelta add(Contribution contribution, int sign) {
    return add(contribution.cell(), contribution.counts(), sign);
  }

  public ReportDelta addAll(ReportDelta other) {
    other.cells.forEach((k, c) -> add(k, c, 1));
    return this;
  }

  public boolean isEmpty() {
    return cells.isEmpty();
  }

  public Map<CellKey, Counters> cells() {
    return java.util.Collections.unmodifiableMap(cells);
  }

  /** One cell's counts from one ticket or survey fact. */
  public record Contribution(CellKey cell, Counters counts) {}
}
