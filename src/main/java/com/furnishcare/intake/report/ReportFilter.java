package com.furnishcare.intake.report;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What a report covers: the days from {@code from} to {@code to} inclusive (China time), and optionally one
 * dealer, region, category or channel. Ticket figures honour every filter; survey figures honour the dates,
 * the dealer and the region (a survey has no complaint category, and its channel is the survey's own).
 */
public record ReportFilter(LocalDate from, LocalDate to, Optional<String> dealer, Optional<String> region,
    Optional<String> category, Optional<String> channel) {

  /** The longest range one request may ask for. */
  public static final int MAX_DAYS = 400;

  public ReportFilter withDealer(String only) {
    return new ReportFilter(from, to, Optional.of(only), region, category, channel);
  }
}
