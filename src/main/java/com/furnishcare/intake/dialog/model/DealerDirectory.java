package com.furnishcare.intake.dialog.model;

import com.furnishcare.intake.core.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Order number → dealer and region, from {@code config/dealers.csv}; unknown orders go to headquarters. */
public record DealerDirectory(Map<String, Route> exact, List<Prefix> prefixes) {

  /** A rule for every order starting with {@code prefix}. */
  public record Prefix(String prefix, Route route) {}

  public DealerDirectory {
    exact = Map.copyOf(exact);
    prefixes = List.copyOf(prefixes);
  }

  public static DealerDirectory empty() {
    return new DealerDirectory(Map.of(), List.of());
  }

  /** Every dealer id some rule routes to (the ids dealer staff accounts may name). */
  public Set<String> dealerIds() {
    Set<String> ids = new TreeSet<>();
    exact.values().forEach(route -> ids.add(route.dealer()));
    prefixes.forEach(prefix -> ids.add(prefix.route().dealer()));
    return ids;
  }

  /** The dealer with this id as some rule names it (name and region), if any rule does. */
  public Optional<Route> dealer(String id) {
    return exact.values().stream().filter(r -> r.dealer().equals(id)).findFirst()
        .or(() -> prefixes.stream().map(Prefix::route).filter(r -> r.dealer().equals(id)).findFirst());
  }

  public Route route(String orderNo) {
    if (orderNo == null || orderNo.isEmpty()) {
      return Route.headquarters();
    }
    Route exactRoute = exact.get(orderNo);
    if (exactRoute != null) {
      return exactRoute;
    }
    Optional<Prefix> longest = prefixes.stream().filter(p -> orderNo.startsWith(p.prefix()))
        .max((a, b) -> Integer.compare(a.prefix().length(), b.prefix().length()));
    return longest.map(Prefix::route).orElseGet(Route::headquarters);
  }
}
