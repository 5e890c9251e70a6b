package com.furnishcare.intake.alert;

import java.util.Locale;

/** Where one alert delivery stands; only {@code PENDING} ones are handed to a sender. */
public enum AlertState {
  PENDING,
  /** The robot answered errcode 0. */
  SENT,
  /** The robot refused it for good (an unknown key, a malformed message) or it ran out of attempts. */
  FAILED,
  /** Its ticket never appeared: the turn that would have filed it was not committed (a crash, a store error). */
  DROPPED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
