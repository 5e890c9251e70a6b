package com.furnishcare.intake.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One day's cells in the compact form the reports cache and add up: dimension strings shared (interned per
 * process), counts as (name id, value) pairs. A year of a national brand is a few million pairs.
 */
final class DayCells {

  /** Every counter name seen, numbered once per process. */
  private static final Map<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final List<String> NAMES = new ArrayList<>();
  private static final Map<String, String> STRINGS = new ConcurrentHashMap<>();

  final java.time.LocalDate day;
  final long version;
  /** Ticket cells: dealer, region, category, channel; their level; their counts. */
  final String[][] ticketDims;
  final int[] ticketLevels;
  final int[][] ticketCounts;
  /** Survey cells: survey, dealer, installer; their counts. */
  final String[][] surveyDims;
  final int[][] surveyCounts;

  private DayCells(java.time.LocalDate day, long version, String[][] ticketDims, int[] ticketLevels, int[][] ticketCounts,
      String[][] surveyDims, int[][] surveyCounts) {
    this.day = day;
    this.version = version;
    this.ticketDims = ticketDims;
    this.ticketLevels = ticketLevels;
    this.ticketCounts = ticketCounts;
    this.surveyDims = surveyDims;
    this.surveyCounts = surveyCounts;
  }

  static int id(String name) {
    Integer known = IDS.get(name);
    if (known != null) {
      return known;
    }
    synchronized (NAMES) {
      return IDS.computeIfAbsent(name, n -> {
        NAMES.add(n);
        return NAMES.size() - 1;
      });
    }
  }

  static String name(int id) {
    synchronized (NAMES) {
      return NAMES.get(id);
    }
  }

  static int names() {
    synchronized (NAMES) {
      return NAMES.size();
    }
  }

  private static String shared(String s) {
    String known = STRINGS.putIfAbsent(s, s);
    return known == null ? s : known;
  }

  static DayCells of(java.time.LocalDate date, ReportStore.Day day) {
    List<String[]> tDims = new ArrayList<>();
    List<Integer> tLevels = new ArrayList<>();
    List<int[]> tCounts = new ArrayList<>();
    List<String[]> sDims = new ArrayList<>();
    List<int[]> sCounts = new ArrayList<>();
    for (Map.Entry<String, Counters> cell : day.cells().entrySet()) {
      String[] parts = cell.getKey().split("\\|", -1);
      int[] counts = pairs(cell.getValue());
      if (parts[0].equals("t") && parts.length == 6) {
        tDims.add(new String[] {shared(parts[1]), shared(parts[2]), shared(parts[3]), shared(parts[5])});
        tLevels.add(Integer.parseInt(parts[4]));
        tCounts.add(counts);
      } else if (parts[0].equals("s") && parts.length == 4) {
        sDims.add(new String[] {shared(parts[1]), shared(parts[2]), shared(parts[3])});
        sCounts.add(counts);
      }
    }
    return new DayCells(date, day.version(), tDims.toArray(String[][]::new),
        tLevels.stream().mapToInt(Integer::intValue).toArray(), tCounts.toArray(int[][]::new),
        sDims.toArray(String[][]::new), sCounts.toArray(int[][]::new));
  }

  private static int[] pairs(Counters counters) {
    Map<String, Long> map = counters.asMap();
    int[] out = new int[map.size() * 2];
    int i = 0;
    for (Map.Entry<String, Long> e : map.entrySet()) {
      out[i++] = id(e.getKey());
      out[i++] = (int) Math.min(Integer.MAX_VALUE, e.getValue());
    }
    return out;
  }

  int cells() {
    return ticketCounts.length + surveyCounts.length;
  }
}
