package com.furnishcare.intake.dialog;

import java.time.Instant;
import java.time.ZoneId;

/** What the engine may know besides the session and the message: the time, and where to look things up. */
public record DialogContext(Instant now, ZoneId zone, Lookups lookups) {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  public static DialogContext at(Instant now, Lookups lookups) {
    return new DialogContext(now, CHINA, lookups);
  }
}
