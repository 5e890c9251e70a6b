package com.furnishcare.intake.store;

import com.furnishcare.intake.store.embedded.EmbeddedStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class ReportEmbeddedFiguresTest extends ReportFiguresContract {

  @TempDir
  Path dataDir;

  @Override
  protected Future<Stores> open(Vertx vertx, StoreSettings settings) {
    return EmbeddedStores.open(vertx, dataDir, settings);
  }
}
