package com.furnishcare.intake.dialog;

import com.furnishcare.intake.dialog.model.ServiceHours;
import java.util.Optional;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the engine may know besides the session and the message: the time, where to look things up, and
 * when people answer (empty: always).
 */
public record DialogContext(Instant now, ZoneId zone, Lookups lookups, Optional<ServiceHours> serviceHours) {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** A context in China time where people always answer. */
  public static DialogContext at(Instant now, Lookups lookups) {
    return new DialogContext(now, CHINA, lookups, Optional.empty());
  }

  public DialogContext withServiceHours(Optional<ServiceHours> hours) {
    return new DialogContext(now, zone, lookups, hours);
  }
}
