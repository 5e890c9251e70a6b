package com.furnishcare.intake.report;

import java.time.LocalDate;

/**
 * One cell of the aggregates: a day (China time) and the dimensions, joined by {@code |}:
 * {@code t|dealer|region|category|level|channel} for tickets (by the day they were created),
 * {@code s|survey|dealer|installer} for surveys (sent by the day they were sent, answers by the day the
 * response started). A dimension never contains {@code |}.
 */
public record CellKey(LocalDate day, String dims) implements Comparable<CellKey> {

  public static String part(String value) {
    return value == null ? "" : value.replace('|', '/');
  }

  @Override
  public int compareTo(CellKey o) {
    int c = day.compareTo(o.day);
    return c != 0 ? c : dims.compareTo(o.dims);
  }
}
