package com.furnishcare.intake.cli;

import com.furnishcare.intake.config.ConfigLoader;
import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.model.DealerDirectory;
import com.furnishcare.intake.report.ReportDataGenerator;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.store.redis.RedisStores;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar intake-gateway.jar generate-report-data --tickets 1000000 --responses 2000000 [--days 365]
 * [--dealers 150] [--seed 1]}: fills the configured store (the data directory, or Redis with REDIS_URL) with a
 * synthetic year of tickets and survey responses ending today (China time), through the stores' own writes,
 * so the report aggregates are filled as in production. For benchmarks and demos — never on a live store.
 */
public final class GenerateReportDataCommand {

  private GenerateReportDataCommand() {}

  public static CommandResult run(String[] args, Map<String, String> env) {
    int tickets = 10_000;
    int responses = 20_000;
    int days = 365;
    int dealers = 150;
    long seed = 1;
    try {
      for (int i = 1; i < args.length; i += 2) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--tickets" -> tickets = Integer.parseInt(value);
          case "--responses" -> responses = Integer.parseInt(value);
          case "--days" -> days = Integer.parseInt(value);
          case "--dealers" -> dealers = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException(args[i]);
        }
      }
    } catch (IllegalArgumentException e) {
      return new CommandResult(ExitCodes.CONFIGURATION, "generate-report-data: unknown or bad argument "
          + e.getMessage() + "\nusage: generate-report-data [--tickets N] [--responses N] [--days N] [--dealers N]"
          + " [--seed N]\n");
    }
    GatewayConfig config;
    List<Route> known = new ArrayList<>();
    try {
      config = ConfigLoader.load(env);
      DealerDirectory directory = DialogBookLoader.dealers(config.dealersFile());
      directory.dealerIds().forEach(id -> directory.dealer(id).ifPresent(known::add));
    } catch (RuntimeException | java.io.IOException | com.furnishcare.intake.dialog.load.DialogDataException e) {
      return new CommandResult(ExitCodes.CONFIGURATION, "generate-report-data: " + e.getMessage() + "\n");
    }
    LocalDate to = LocalDate.now(TicketFigures.CHINA);
    ReportDataGenerator.Settings settings = new ReportDataGenerator.Settings(tickets, responses,
        to.minusDays(days - 1L), to, seed, dealers);
    Vertx vertx = Vertx.vertx();
    try {
      Stores stores = (config.redisUrl().isPresent()
          ? RedisStores.open(vertx, config.redisUrl().get(), StoreSettings.defaults(), "intake:")
          : EmbeddedStores.open(vertx, config.dataDir(), StoreSettings.defaults()))
          .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      try {
        ReportDataGenerator.Result result = new ReportDataGenerator(stores, known, settings, Clock.systemUTC().instant())
            .run().toCompletionStage().toCompletableFuture().get(6, TimeUnit.HOURS);
        return new CommandResult(ExitCodes.OK, String.format("generated %d tickets (%d brought to their final state"
                + " by a later change), %d surveys sent, %d answered, %s to %s, in %.1f s (%s store)%n",
            result.tickets(), result.changes(), result.surveysSent(), result.responses(), settings.from(),
            settings.to(), result.took().toMillis() / 1000.0, stores.backend()));
      } finally {
        stores.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      return new CommandResult(ExitCodes.FAILED, "generate-report-data failed: " + e + "\n");
    } finally {
      vertx.close();
    }
  }
}
