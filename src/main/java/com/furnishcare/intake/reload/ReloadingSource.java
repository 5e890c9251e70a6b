package com.furnishcare.intake.reload;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value built from files (dialogs, the knowledge base), rebuilt when one of them changes. The first
 * build must succeed, or start-up fails with the builder's message (file:line: reason). A broken edit
 * later is logged once and the last good value stays in use. Files are read and the value is built
 * on a worker thread; the check runs every {@code intervalMs}.
 *
 * <p>An edit is read once it has stopped changing: the files' names, sizes and times must be the same at two
 * checks in a row. A writer that truncates and then writes (a shell's {@code >}, many scripts) leaves a moment
 * where the file is empty or half written, and that moment can itself be valid — an empty alerts file, half a
 * knowledge base — and would have replaced the good version until the next edit.
 */
public final class ReloadingSource<T> implements Supplier<T> {

  /** Reads the files and builds the value; throws with a file:line message when they are not valid. */
  @FunctionalInterface
  public interface Builder<T> {
    T build() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReloadingSource.class);

  private final Vertx vertx;
  private final String name;
  private final List<Path> watched;
  private final Builder<T> builder;
  private final Function<T, String> describe;
  private final AtomicReference<T> current = new AtomicReference<>();
  private volatile List<String> fingerprint = List.of();
  /** What the files looked like at the last check, when that differed from what was built: read if it stays. */
  private volatile List<String> changing = List.of();
  private volatile String lastError = "";
  private volatile boolean checking;
  private boolean stopped;
  /** Completes when the check under way (if any) has finished reading and building. */
  private volatile Future<Void> check = Future.succeededFuture();
  private long timer = -1;

  private ReloadingSource(Vertx vertx, String name, List<Path> watched, Builder<T> builder,
      Function<T, String> describe) {
    this.vertx = vertx;
    this.name = name;
    this.watched = List.copyOf(watched);
    this.builder = builder;
    this.describe = describe;
  }

  /**
   * @param name what the files are, for messages ("dialogs", "knowledge base")
   * @param watched directories (every file directly in them) and single files; a missing file is skipped
   * @param describe a short summary of a built value for the log ("12 flows")
   */
  public static <T> Future<ReloadingSource<T>> start(Vertx vertx, String name, List<Path> watched, Builder<T> builder,
      Function<T, String> describe, long intervalMs) {
    ReloadingSource<T> source = new ReloadingSource<>(vertx, name, watched, builder, describe);
    return vertx.executeBlocking(() -> {
      source.fingerprint = source.fingerprint();
      source.current.set(builder.build());
      return source;
    }, false).recover(err -> Future.failedFuture(new IllegalStateException(
        name + " not valid: " + err.getMessage(), err))).onSuccess(s -> {
          s.timer = vertx.setPeriodic(intervalMs, id -> s.checkForChanges());
          LOG.info("loaded {}: {}", name, describe.apply(s.current.get()));
        });
  }

  @Override
  public T get() {
    return current.get();
  }

  private void checkForChanges() {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      if (stopped || checking) {
        return; // stopped, or a slow rebuild (a large knowledge base) is still running
      }
      checking = true;
      check = done.future();
    }
    vertx.executeBlocking(() -> {
      List<String> now = fingerprint();
      if (now.equals(fingerprint)) {
        return null;
      }
      if (!now.equals(changing)) {
        changing = now; // still being written, maybe: read it at the next check if it stays so
        return null;
      }
      fingerprint = now;
      try {
        T value = builder.build();
        current.set(value);
        lastError = "";
        LOG.info("reloaded {}: {}", name, describe.apply(value));
      } catch (Exception e) {
        if (!String.valueOf(e.getMessage()).equals(lastError)) {
          lastError = String.valueOf(e.getMessage());
          LOG.error("edited {} not valid, the previous version stays in use: {}", name, e.getMessage());
        }
      }
      return null;
    }, false).onComplete(ar -> {
      checking = false;
      done.complete();
    });
  }

  /** Names, sizes and modification times of every watched file. */
  private List<String> fingerprint() {
    List<String> entries = new ArrayList<>();
    try {
      for (Path path : watched) {
        if (Files.isDirectory(path)) {
          try (Stream<Path> files = Files.list(path)) {
            for (Path p : files.sorted().toList()) {
              entries.add(stamp(p));
            }
          }
        } else if (Files.exists(path)) {
          entries.add(stamp(path));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static String stamp(Path p) throws IOException {
    return p + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
  }

  /** No further checks; completes when a check under way has finished (its worker thread is free). */
  public Future<Void> stop() {
    synchronized (this) {
      stopped = true;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return check;
  }
}
