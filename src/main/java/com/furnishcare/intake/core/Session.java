package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A conversation's state between turns. Kept as plain named values so both stores can hold it
 * without knowing what the dialog engine puts inside.
 */
public record Session(Map<String, String> values, Instant updatedAt) {

  public Session {
    values = Map.copyOf(values);
  }

  public static Session fresh(Instant now) {
    return new Session(Map.of(), now);
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public long getLong(String name) {
    String raw = values.get(name);
    return raw == null ? 0 : Long.parseLong(raw);
  }

  /** A copy with one value changed; sessions are immutable so a failed turn leaves the stored one intact. */
  public Session with(String name, String value, Instant now) {
    Map<String, String> copy = new HashMap<>(values);
    copy.put(name, value);
    return new Session(copy, now);
  }
}
