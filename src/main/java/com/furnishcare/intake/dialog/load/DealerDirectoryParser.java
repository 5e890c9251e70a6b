package com.furnishcare.intake.dialog.load;

import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.dialog.model.DealerDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@code dealers.csv}: {@code order,dealer,dealerName,region} per line, {@code #} comments. */
final class DealerDirectoryParser {

  private DealerDirectoryParser() {}

  static DealerDirectory parse(String file, String text) throws DialogDataException {
    Map<String, Route> exact = new HashMap<>();
    List<DealerDirectory.Prefix> prefixes = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split(",", -1);
      if (cols.length != 4 || cols[0].isBlank() || cols[1].isBlank()) {
        throw new DialogDataException(file + ":" + (i + 1) + ": expected order,dealer,dealerName,region");
      }
      String order = cols[0].strip().toUpperCase(Locale.ROOT);
      Route route = new Route(cols[1].strip(), cols[2].strip(), cols[3].strip());
      if (order.endsWith("*")) {
        prefixes.add(new DealerDirectory.Prefix(order.substring(0, order.length() - 1), route));
      } else if (exact.put(order, route) != null) {
        throw new DialogDataException(file + ":" + (i + 1) + ": order " + order + " is listed twice");
      }
    }
    return new DealerDirectory(exact, prefixes);
  }
}
