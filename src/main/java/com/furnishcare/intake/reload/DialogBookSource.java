package com.furnishcare.intake.reload;

import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.model.DialogBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;

/** The current dialog book, reloaded when a file under {@code dialogs/}, the grading or the dealer file changes. */
public final class DialogBookSource {

  private DialogBookSource() {}

  public static Future<ReloadingSource<DialogBook>> start(Vertx vertx, Path dialogsDir, Path gradingFile,
      Path dealersFile, long intervalMs) {
    return ReloadingSource.start(vertx, "dialogs", List.of(dialogsDir, gradingFile, dealersFile),
        () -> DialogBookLoader.load(dialogsDir, gradingFile, dealersFile),
        book -> book.flows().size() + " flows from " + dialogsDir, intervalMs);
  }
}
