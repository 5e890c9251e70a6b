package com.furnishcare.intake.reload;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.CapturingAppender;
import com.furnishcare.intake.support.TestConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Edited flows are used without a restart; a broken edit leaves the last good version running. */
@ExtendWith(VertxExtension.class)
class DialogBookSourceTest {

  @TempDir
  Path dir;

  private Path copyDialogs() throws Exception {
    Path dialogs = dir.resolve("dialogs");
    Files.createDirectories(dialogs);
    try (Stream<Path> files = Files.list(Path.of("dialogs"))) {
      for (Path p : files.toList()) {
        Files.copy(p, dialogs.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.copy(Path.of("config/grading.yaml"), dir.resolve("grading.yaml"));
    return dialogs;
  }

  private static String helpText(ReloadingSource<DialogBook> source) {
    return ((Step.Resume) source.get().flow("help").first()).text();
  }

  @Test
  void editsArePickedUpAndBrokenEditsKeepTheLastGoodVersion(Vertx vertx) throws Exception {
    Path dialogs = copyDialogs();
    ReloadingSource<DialogBook> source = await(DialogBookSource.start(vertx, dialogs, dir.resolve("grading.yaml"),
        dir.resolve("dealers.csv"), 100));
    try {
      Path help = dialogs.resolve("help.yaml");
      Files.writeString(help, Files.readString(help).replace("我可以帮您", "新版帮助：我可以帮您"));
      Await.until("edited help text in use", () -> helpText(source).startsWith("新版帮助"));

      int logStart = CapturingAppender.size();
      Files.writeString(help, "id: help\nsteps:\n  - id: a\n    type: teleport\n");
      Await.until("broken edit reported", () -> CapturingAppender.since(logStart).stream()
          .anyMatch(l -> l.text().contains("help.yaml:4: unknown step type 'teleport'")));
      assertTrue(helpText(source).startsWith("新版帮助"), "the last good version stays in use");

      Files.writeString(help, Files.readString(Path.of("dialogs/help.yaml")));
      Await.until("fixed file in use", () -> helpText(source).startsWith("我可以帮您"));
    } finally {
      source.stop();
    }
  }

  @Test
  void invalidDialogsStopStartUpWithFileAndLine(Vertx vertx) throws Exception {
    Path dialogs = copyDialogs();
    Files.writeString(dialogs.resolve("cancel.yaml"), "id: cancel\nsteps:\n  - id: ask\n    type: confirm\n    text: sure?\n"
        + "    yes: gone\n    no: end\n");
    Throwable failure = Await.failure(Gateway.start(vertx, TestConfig.embedded(dir.resolve("data"))
        .with("GATEWAY_DIALOGS_DIR", dialogs.toString())
        .with("GATEWAY_GRADING_FILE", dir.resolve("grading.yaml").toString()).build()));
    assertTrue(failure.getMessage().contains("cancel.yaml:3: step 'ask' goes to unknown step 'gone'"),
        failure.getMessage());
  }
}
