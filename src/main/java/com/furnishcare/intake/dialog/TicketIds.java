package com.furnishcare.intake.dialog;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * Ticket numbers a person can read out on the phone: TK + date + five characters without look-alikes
 * (no 0/O, 1/I/L), e.g. TK261124-7KQ3M; 28 million per day, so a clash is practically impossible and
 * the store's unique key catches one anyway.
 */
public final class TicketIds {
  private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

  private final RandomGenerator random;

  public TicketIds(RandomGenerator random) {
    this.random = random;
  }

  public String next(Instant now, ZoneId zone) {
    StringBuilder id = new StringBuilder("TK").append(DAY.format(now.atZone(zone))).append('-');
    for (int i = 0; i < 5; i++) {
      id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
