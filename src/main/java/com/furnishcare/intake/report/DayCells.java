package com.furnishcare.intake.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One day's cells in the compact form the reports cache and add up: every dimension value and counter name
 * numbered once per process ({@link Names}), counts as (name number, value) pairs. Adding up a year of a
 * national brand (a couple of million cells) is then array arithmetic, without maps or boxing per cell.
 */
final class DayCells {

  /** A numbering of strings, shared by every request of the process; numbers are never reused. */
  static final class Names {
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final List<String> names = new ArrayList<>();

    int id(String name) {
      Integer known = ids.get(name);
      if (known != null) {
        return known;
      }
      synchronized (names) {
        return ids.computeIfAbsent(name, n -> {
          names.add(n);
          return names.size() - 1;
        });
      }
    }

    /** The number of a name already seen, or -1. */
    int find(String name) {
      return ids.getOrDefault(name, -1);
    }

    String name(int id) {
      synchronized (names) {
        return names.get(id);
      }
    }

    int size() {
      synchronized (names) {
        return names.size();
      }
    }
  }

  static final Names COUNTERS = new Names();
  static final Names DEALERS = new Names();
  static final Names REGIONS = new Names();
  static final Names CATEGORIES = new Names();
  static final Names CHANNELS = new Names();
  static final Names SURVEYS = new Names();
  static final Names INSTALLERS = new Names();

  final LocalDate day;
  final long version;
  final int[] tDealer;
  final int[] tRegion;
  final int[] tCategory;
  final int[] tLevel;
  final int[] tChannel;
  final int[][] tCounts;
  final int[] sSurvey;
  final int[] sDealer;
  final int[] sInstaller;
  final int[][] sCounts;

  private DayCells(LocalDate day, long version, int tickets, int surveys) {
    this.day = day;
    this.version = version;
    tDealer = new int[tickets];
    tRegion = new int[tickets];
    tCategory = new int[tickets];
    tLevel = new int[tickets];
    tChannel = new int[tickets];
    tCounts = new int[tickets][];
    sSurvey = new int[surveys];
    sDealer = new int[surveys];
    sInstaller = new int[surveys];
    sCounts = new int[surveys][];
  }

  static DayCells of(LocalDate date, ReportStore.Day day) {
    int tickets = 0;
    int surveys = 0;
    for (String dims : day.cells().keySet()) {
      if (dims.startsWith("t|")) {
        tickets++;
      } else if (dims.startsWith("s|")) {
        surveys++;
      }
    }
    DayCells out = new DayCells(date, day.version(), tickets, surveys);
    int t = 0;
    int s = 0;
    for (Map.Entry<String, Counters> cell : day.cells().entrySet()) {
      String[] parts = cell.getKey().split("\\|", -1);
      if (parts[0].equals("t") && parts.length == 6 && t < tickets) {
        out.tDealer[t] = DEALERS.id(parts[1]);
        out.tRegion[t] = REGIONS.id(parts[2]);
        out.tCategory[t] = CATEGORIES.id(parts[3]);
        out.tLevel[t] = Integer.parseInt(parts[4]);
        out.tChannel[t] = CHANNELS.id(parts[5]);
        out.tCounts[t++] = pairs(cell.getValue());
      } else if (parts[0].equals("s") && parts.length == 4 && s < surveys) {
        out.sSurvey[s] = SURVEYS.id(parts[1]);
        out.sDealer[s] = DEALERS.id(parts[2]);
        out.sInstaller[s] = INSTALLERS.id(parts[3]);
        out.sCounts[s++] = pairs(cell.getValue());
      }
    }
    return out.trimmed(t, s);
  }

  /** Cells whose dims were malformed are left out (never written by this code, but a store is data). */
  private DayCells trimmed(int tickets, int surveys) {
    if (tickets == tCounts.length && surveys == sCounts.length) {
      return this;
    }
    DayCells out = new DayCells(day, version, tickets, surveys);
    System.arraycopy(tDealer, 0, out.tDealer, 0, tickets);
    System.arraycopy(tRegion, 0, out.tRegion, 0, tickets);
    System.arraycopy(tCategory, 0, out.tCategory, 0, tickets);
    System.arraycopy(tLevel, 0, out.tLevel, 0, tickets);
    System.arraycopy(tChannel, 0, out.tChannel, 0, tickets);
    System.arraycopy(tCounts, 0, out.tCounts, 0, tickets);
    System.arraycopy(sSurvey, 0, out.sSurvey, 0, surveys);
    System.arraycopy(sDealer, 0, out.sDealer, 0, surveys);
    System.arraycopy(sInstaller, 0, out.sInstaller, 0, surveys);
    System.arraycopy(sCounts, 0, out.sCounts, 0, surveys);
    return out;
  }

  private static int[] pairs(Counters counters) {
    Map<String, Long> map = counters.asMap();
    int[] out = new int[map.size() * 2];
    int i = 0;
    for (Map.Entry<String, Long> e : map.entrySet()) {
      out[i++] = COUNTERS.id(e.getKey());
      out[i++] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, e.getValue()));
    }
    return out;
  }

  int cells() {
    return tCounts.length + sCounts.length;
  }
}
