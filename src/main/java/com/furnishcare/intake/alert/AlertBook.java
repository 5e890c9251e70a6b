package com.furnishcare.intake.alert;

import com.furnishcare.intake.core.Route;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts file as loaded: which robots exist (by name → their webhook key), how early an SLA deadline
 * is warned about, when the digest goes, which kinds are on and their wording. Robot names are what the
 * store keeps ({@code hq}, {@code region:华东}, {@code dealer:D0571}); the keys, which are secrets, stay here.
 */
public record AlertBook(Map<String, String> robotKeys, Duration slaWarning, LocalTime digestAt, Set<AlertKind> kinds,
    Map<AlertKind, String> messages) {

  public static final String HEADQUARTERS = "hq";

  public AlertBook {
    robotKeys = Map.copyOf(robotKeys);
    kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    messages = Map.copyOf(messages.isEmpty() ? Map.of() : new EnumMap<>(messages));
  }

  /** No robots: nothing is raised or sent (the file is absent, or names no robot yet). */
  public static AlertBook none() {
    return new AlertBook(Map.of(), Duration.ofMinutes(30), LocalTime.of(8, 30), Set.of(), Map.of());
  }

  public static String region(String name) {
    return "region:" + name;
  }

  public static String dealer(String id) {
    return "dealer:" + id;
  }

  public boolean on(AlertKind kind) {
    return kinds.contains(kind) && !robotKeys.isEmpty();
  }

  public Optional<String> key(String robot) {
    return Optional.ofNullable(robotKeys.get(robot));
  }

  /**
   * Who hears about a ticket: its dealer's group, its region's, headquarters' — each only if the file names
   * a robot for it. Dead letters and the digest are headquarters' business alone.
   */
  public List<String> robotsFor(AlertKind kind, Optional<Route> route) {
    List<String> robots = new ArrayList<>();
    if (kind.aboutTicket() && route.isPresent()) {
      Route r = route.get();
      if (!Route.HEADQUARTERS.equals(r.dealer()) && robotKeys.containsKey(dealer(r.dealer()))) {
        robots.add(dealer(r.dealer()));
      }
      if (robotKeys.containsKey(region(r.region()))) {
        robots.add(region(r.region()));
      }
    }
    if (robotKeys.containsKey(HEADQUARTERS)) {
      robots.add(HEADQUARTERS);
    }
    return robots;
  }

  public String message(AlertKind kind) {
    return messages.getOrDefault(kind, "");
  }
}
