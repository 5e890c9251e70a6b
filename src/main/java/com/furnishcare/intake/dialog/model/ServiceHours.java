package com.furnishcare.intake.dialog.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** When people answer, every day, in the brand's time zone: {@code 09:00-21:00}. */
public record ServiceHours(LocalTime opens, LocalTime closes) {

  public ServiceHours {
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException("service hours must open before they close: " + opens + "-" + closes);
    }
  }

  /** Reads {@code HH:mm-HH:mm}; empty for anything else. */
  public static Optional<ServiceHours> parse(String raw) {
    String[] parts = raw.strip().split("\\s*-\\s*");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ServiceHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1])));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean open(ZonedDateTime at) {
    LocalTime t = at.toLocalTime();
    return !t.isBefore(opens) && t.isBefore(closes);
  }

  /** When people next answer: {@code at} itself during the hours, else the next opening. */
  public ZonedDateTime nextOpening(ZonedDateTime at) {
    if (open(at)) {
      return at;
    }
    LocalDate day = at.toLocalTime().isBefore(opens) ? at.toLocalDate() : at.toLocalDate().plusDays(1);
    ZoneId zone = at.getZone();
    return LocalDateTime.of(day, opens).atZone(zone);
  }

  @Override
  public String toString() {
    return opens + "-" + closes;
  }
}
