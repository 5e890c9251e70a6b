package com.furnishcare.intake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary folders for servers and files the tests start outside JUnit's {@code @TempDir} (shared servers live
 * longer than one test class): deleted when the test JVM exits, so a test run leaves nothing in /tmp. Set
 * {@code KEEP_TEST_DIRS=1} to keep them (their servers' logs) for a look after a failure.
 */
public final class TempDirs {

  private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

  static {
    if (System.getenv("KEEP_TEST_DIRS") == null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(TempDirs::deleteTree), "delete-test-dirs"));
    }
  }

  private TempDirs() {}

  /** A new folder under the system's temporary folder, named {@code prefix} and random digits. */
  public static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    MADE.add(dir);
    return dir;
  }

  private static void deleteTree(Path dir) {
    // A server stopped by its own shutdown hook at the same time may still write a last log line: best effort.
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // already gone, or a file appeared while walking: nothing to report at exit
    }
  }
}
