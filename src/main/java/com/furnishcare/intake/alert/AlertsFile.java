package com.furnishcare.intake.alert;

import com.furnishcare.intake.config.AlertsConfig;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.model.DealerDirectory;
import com.furnishcare.intake.reload.ReloadingSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the alerts file from disk with the dealer ids and regions of the dealers file (blocking: worker threads
 * only), and keeps it reloaded like the accounts file: a broken edit keeps the previous robots.
 */
public final class AlertsFile {

  private AlertsFile() {}

  public static AlertBook load(Path file, boolean required, Path dealersFile) throws DialogDataException, IOException {
    if (!Files.exists(file)) {
      if (required) {
        throw new DialogDataException(file + ":1: the alerts file does not exist");
      }
      return AlertBook.none();
    }
    DealerDirectory dealers = DialogBookLoader.dealers(dealersFile);
    Set<String> regions = new TreeSet<>();
    dealers.exact().values().stream().map(Route::region).forEach(regions::add);
    dealers.prefixes().forEach(p -> regions.add(p.route().region()));
    return AlertsFileParser.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8),
        dealers.dealerIds(), regions);
  }

  /** Loaded now (a bad file fails the start with file:line), then checked for edits every {@code intervalMs}. */
  public static Future<ReloadingSource<AlertBook>> watch(Vertx vertx, AlertsConfig config, Path dealersFile,
      long intervalMs) {
    return ReloadingSource.start(vertx, "alerts", List.of(config.file(), dealersFile),
        () -> load(config.file(), config.required(), dealersFile),
        book -> book.robotKeys().size() + " robots, kinds " + book.kinds().stream().map(AlertKind::wireName).sorted()
            .toList() + " from " + config.file(), intervalMs);
  }
}
