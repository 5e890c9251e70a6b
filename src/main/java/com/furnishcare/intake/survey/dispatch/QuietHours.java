package com.furnishcare.intake.survey.dispatch;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** When no survey is pushed, every night, in the brand's time zone: {@code 21:00-09:00} (may wrap midnight). */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

  public QuietHours {
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours must not start and end at the same time: " + start);
    }
  }

  /** Reads {@code HH:mm-HH:mm}; empty for anything else. */
  public static Optional<QuietHours> parse(String raw, ZoneId zone) {
    String[] parts = raw.strip().split("\\s*-\\s*");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]), zone));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean contains(Instant at) {
    LocalTime t = at.atZone(zone).toLocalTime();
    return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
  }

  /** When the quiet period {@code at} lies in ends (the next {@code end} after it). */
  public Instant endAfter(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime end = local.toLocalDate().atTime(this.end).atZone(zone);
    return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
