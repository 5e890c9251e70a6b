package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.cli.CommandResult;
import com.furnishcare.intake.cli.ExitCodes;
import com.furnishcare.intake.cli.RebuildReportFiguresCommand;
import com.furnishcare.intake.report.CellKey;
import com.furnishcare.intake.report.Counters;
import com.furnishcare.intake.report.ReportRecount;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportEmbeddedFiguresTest extends ReportFiguresContract {

  @TempDir
  Path dataDir;

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return EmbeddedStores.open(vertx, dataDir, settings);
  }

  private Connection sqlite() throws Exception {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
    }
    return c;
  }

  @Override
  protected void wipeFigures(Vertx vertx) throws Exception {
    try (Connection c = sqlite(); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM report_cells");
      s.executeUpdate("DELETE FROM report_days");
      s.executeUpdate("DELETE FROM report_recomplaints");
    }
  }

  @Override
  protected void addStrayCell(Vertx vertx, LocalDate day, String dims, String counts) throws Exception {
    try (Connection c = sqlite();
        PreparedStatement cell = c.prepareStatement("INSERT INTO report_cells (day, dims, counts) VALUES (?, ?, ?)");
        PreparedStatement version = c.prepareStatement("INSERT INTO report_days (day, version) VALUES (?, 1)"
            + " ON CONFLICT (day) DO UPDATE SET version = version + 1")) {
      cell.setString(1, day.toString());
      cell.setString(2, dims);
      cell.setString(3, counts);
      cell.executeUpdate();
      version.setString(1, day.toString());
      version.executeUpdate();
    }
  }

  /** The real command, in-process, over a data directory written without figures (the gateway stopped). */
  @Test
  void theRebuildCommandWritesTheFiguresOfTheDataDirectory(Vertx vertx) {
    Stores off = await(open(vertx, StoreContract.SETTINGS.withoutReportFigures()));
    int tickets;
    try {
      tickets = writeSome(off, 41).size();
    } finally {
      await(off.close());
    }
    CommandResult result = RebuildReportFiguresCommand.run(new String[] {"rebuild-report-figures"},
        Map.of("GATEWAY_DATA_DIR", dataDir.toString()));
    assertEquals(ExitCodes.OK, result.exitCode(), result.output());
    Stores s = await(open(vertx, StoreContract.SETTINGS));
    try {
      Map<CellKey, Counters> cells = await(s.reports().allCells());
      assertEquals(await(ReportRecount.recount(s.reports())), cells);
      assertEquals(tickets, cells.values().stream().mapToLong(c -> c.get("n")).sum());
      long days = cells.keySet().stream().map(CellKey::day).distinct().count();
      assertTrue(result.output().startsWith("rebuilt the report figures: " + cells.size() + " cells over " + days
          + " days"), result.output());
      assertTrue(result.output().contains("(embedded store)"), result.output());
    } finally {
      await(s.close());
    }
  }

  @Test
  void theRebuildCommandRefusesABadConfigurationWithStatusTwo() throws Exception {
    Path notADirectory = Files.writeString(dataDir.resolve("a-file"), "x");
    CommandResult bad = RebuildReportFiguresCommand.run(new String[] {"rebuild-report-figures"},
        Map.of("GATEWAY_DATA_DIR", notADirectory.toString()));
    assertEquals(ExitCodes.CONFIGURATION, bad.exitCode(), bad.output());
    assertTrue(bad.output().startsWith("rebuild-report-figures: cannot open the data directory " + notADirectory),
        bad.output());
    CommandResult extra = RebuildReportFiguresCommand.run(new String[] {"rebuild-report-figures", "--now"}, Map.of(
        "GATEWAY_DATA_DIR", dataDir.toString()));
    assertEquals(ExitCodes.CONFIGURATION, extra.exitCode());
    assertTrue(extra.output().contains("unknown argument --now"), extra.output());
  }
}
