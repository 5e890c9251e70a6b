package com.furnishcare.intake.reload;

import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.model.DialogBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current dialog book, reloaded when a file under {@code dialogs/} or the grading file changes.
 * A broken edit is logged with its file:line reason and the last good book keeps running. Files are
 * read on a worker thread; the check runs every {@code intervalMs}.
 */
public final class DialogBookSource implements Supplier<DialogBook> {

  private static final Logger LOG = LoggerFactory.getLogger(DialogBookSource.class);

  private final Vertx vertx;
  private final Path dialogsDir;
  private final Path gradingFile;
  private final Path dealersFile;
  private final AtomicReference<DialogBook> current = new AtomicReference<>();
  private volatile List<String> fingerprint = List.of();
  private volatile String lastError = "";
  private long timer = -1;

  private DialogBookSource(Vertx vertx, Path dialogsDir, Path gradingFile, Path dealersFile) {
    this.vertx = vertx;
    this.dialogsDir = dialogsDir;
    this.gradingFile = gradingFile;
    this.dealersFile = dealersFile;
  }

  /** Loads the book once; fails (with file:line and reason) if it is not valid, so start-up stops. */
  public static Future<DialogBookSource> start(Vertx vertx, Path dialogsDir, Path gradingFile, Path dealersFile,
      long intervalMs) {
    DialogBookSource source = new DialogBookSource(vertx, dialogsDir, gradingFile, dealersFile);
    return vertx.executeBlocking(() -> {
      source.fingerprint = source.fingerprint();
      source.current.set(DialogBookLoader.load(dialogsDir, gradingFile, dealersFile));
      return source;
    }, false).recover(err -> Future.failedFuture(new IllegalStateException(
        "dialogs are not valid: " + err.getMessage(), err))).onSuccess(s -> {
          s.timer = vertx.setPeriodic(intervalMs, id -> s.checkForChanges());
          LOG.info("loaded {} dialog flows from {}", s.current.get().flows().size(), dialogsDir);
        });
  }

  @Override
  public DialogBook get() {
    return current.get();
  }

  private void checkForChanges() {
    vertx.executeBlocking(() -> {
      List<String> now = fingerprint();
      if (now.equals(fingerprint)) {
        return null;
      }
      fingerprint = now;
      try {
        DialogBook book = DialogBookLoader.load(dialogsDir, gradingFile, dealersFile);
        current.set(book);
        lastError = "";
        LOG.info("reloaded dialogs: {} flows", book.flows().size());
      } catch (DialogDataException | IOException e) {
        if (!e.getMessage().equals(lastError)) {
          lastError = e.getMessage();
          LOG.error("edited dialogs are not valid, the previous version stays in use: {}", e.getMessage());
        }
      }
      return null;
    }, false);
  }

  /** Names, sizes and modification times of every file that makes up the book. */
  private List<String> fingerprint() {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(dialogsDir)) {
      for (Path p : files.sorted().toList()) {
        entries.add(p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
      }
      for (Path file : List.of(gradingFile, dealersFile)) {
        if (Files.exists(file)) {
          entries.add(file + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
