package com.furnishcare.intake.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one cell: named counts, kept sparse (a cell of one ticket has a handful of non-zero counts
 * out of thirty). Stored as {@code name:count,name:count} in both stores, so the embedded table and the Redis
 * hashes hold the same text and a Lua script can merge a delta into it without knowing what the names mean.
 * A name never contains {@code ,} or {@code :}.
 */
public final class Counters {

  private final TreeMap<String, Long> counts = new TreeMap<>();

  public Counters add(String name, long by) {
    if (by != 0) {
      counts.merge(name, by, (a, b) -> a + b == 0 ? null : a + b);
    }
    return this;
  }

  /** Adds {@code sign} times every count of {@code other}. */
  public Counters addAll(Counters other, int sign) {
    other.counts.forEach((name, n) -> add(name, sign * n));
    return this;
  }

  public long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  public Map<String, Long> asMap() {
    return java.util.Collections.unmodifiableMap(counts);
  }

  public String encode() {
    StringBuilder out = new StringBuilder();
    counts.forEach((name, n) -> {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(name).append(':').append(n);
    });
    return out.toString();
  }

  public static Counters decode(String text) {
    Counters c = new Counters();
    if (text == null || text.isEmpty()) {
      return c;
    }
    for (String part : text.split(",")) {
      int colon = part.lastIndexOf(':');
      c.add(part.substring(0, colon), Long.parseLong(part.substring(colon + 1)));
    }
    return c;
  }

  /** A name made safe for the encoding: the separators become {@code _}. */
  public static String safe(String name) {
    return name.replace(',', '_').replace(':', '_');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Counters other && counts.equals(other.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}
