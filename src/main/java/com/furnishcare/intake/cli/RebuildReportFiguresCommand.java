package com.furnishcare.intake.cli;

import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.report.ReportRebuild;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.store.redis.RedisStores;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar intake-gateway.jar rebuild-report-figures}: writes the report aggregates of the configured
 * store (the data directory, or Redis with REDIS_URL) from every ticket, sent survey and response — for a data
 * set written before the reports existed. Fills in the re-complaint facts old tickets lack, recounts and
 * replaces every cell ({@link ReportRebuild}). Run it with the gateway stopped: a ticket or survey written
 * while it runs may be left out of the figures.
 */
public final class RebuildReportFiguresCommand {

  static final String USAGE = "usage: rebuild-report-figures (with the gateway stopped; reads GATEWAY_DATA_DIR or"
      + " REDIS_URL)\n";

  private RebuildReportFiguresCommand() {}

  public static CommandResult run(String[] args, Map<String, String> env) {
    if (args.length > 1) {
      return new CommandResult(ExitCodes.CONFIGURATION, "rebuild-report-figures: unknown argument " + args[1] + "\n"
          + USAGE);
    }
    GatewayConfig config;
    try {
      config = ConfigLoader.load(env);
    } catch (RuntimeException e) {
      return new CommandResult(ExitCodes.CONFIGURATION, "rebuild-report-figures: " + e.getMessage() + "\n");
    }
    Vertx vertx = Vertx.vertx();
    try {
      Stores stores;
      try {
        stores = (config.redisUrl().isPresent()
            ? RedisStores.open(vertx, config.redisUrl().get(), StoreSettings.defaults(), "intake:")
            : EmbeddedStores.open(vertx, config.dataDir(), StoreSettings.defaults()))
            .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      } catch (Exception e) {
        return new CommandResult(ExitCodes.CONFIGURATION, "rebuild-report-figures: cannot open the "
            + (config.redisUrl().isPresent() ? "Redis store" : "data directory " + config.dataDir()) + ": "
            + rootMessage(e) + "\n");
      }
      try {
        ReportRebuild.Result r = ReportRebuild.run(vertx, stores.reports())
            .toCompletionStage().toCompletableFuture().get(6, TimeUnit.HOURS);
        return new CommandResult(ExitCodes.OK, String.format("rebuilt the report figures: %d cells over %d days"
                + " (%d day versions bumped), %d re-complaint facts added, in %.1f s (%s store)%n",
            r.cells(), r.days(), r.touchedDays(), r.recomplaintsAdded(), r.took().toMillis() / 1000.0,
            stores.backend()));
      } finally {
        stores.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      return new CommandResult(ExitCodes.FAILED, "rebuild-report-figures failed: " + rootMessage(e) + "\n");
    } finally {
      vertx.close();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
