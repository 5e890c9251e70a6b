package com.furnishcare.intake.alert;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an alert is about. The wire name is the prefix of every alert id of the kind and the word the
 * alerts file uses to switch the kind on ({@code kinds:}) and to name its message template.
 */
public enum AlertKind {
  LEVEL3("level3"),
  SLA_FIRST("sla-first"),
  SLA_RESOLUTION("sla-resolution"),
  SURVEY_LOW("survey-low"),
  DEAD_LETTER("dead"),
  DIGEST("digest");

  private final String wire;

  AlertKind(String wire) {
    this.wire = wire;
  }

  public String wireName() {
    return wire;
  }

  public static Optional<AlertKind> fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(value)).findFirst();
  }

  /** Whether the alert is about one ticket (and goes to its dealer's and region's robots too). */
  public boolean aboutTicket() {
    return this != DEAD_LETTER && this != DIGEST;
  }
}
