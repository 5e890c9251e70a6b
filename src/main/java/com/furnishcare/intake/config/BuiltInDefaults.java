package com.furnishcare.intake.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code dialogs/}, {@code knowledge-base/} and {@code config/} shipped inside the jar (Maven copies
 * them under {@code defaults/}), extracted once per process into a fresh temporary directory so the
 * loaders read them like any folder. The copy is deleted when the JVM exits.
 *
 * <p>The resources are found through this class's own code source, which is the jar when run with
 * {@code java -jar} and {@code target/classes} in tests; a jar cannot list a classpath folder otherwise.
 */
public final class BuiltInDefaults {

  static final String RESOURCE_ROOT = "defaults";

  private static Path extracted;

  private BuiltInDefaults() {}

  /** The extracted copy's root (holding dialogs/, knowledge-base/, config/); extracts on first use. */
  public static synchronized Path root() {
    if (extracted == null) {
      extracted = extract();
    }
    return extracted;
  }

  private static Path extract() {
    try {
      Path target = Files.createTempDirectory("intake-gateway-defaults-");
      target.toFile().deleteOnExit();
      Path location = Path.of(BuiltInDefaults.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        copyTree(location.resolve(RESOURCE_ROOT), target);
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
          copyTree(jar.getPath("/" + RESOURCE_ROOT), target);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the built-in dialogs and knowledge base to a temporary "
          + "directory (java.io.tmpdir=" + System.getProperty("java.io.tmpdir") + "): " + e.getMessage(), e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the gateway's own jar: " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new IOException(source + " is missing: this build does not carry the built-in defaults");
    }
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(source)) {
      entries = walk.sorted().toList();
    }
    for (Path entry : entries) {
      // Resolve by string: the source may live in the jar's file system, the target in the default one.
      Path copy = target.resolve(source.relativize(entry).toString());
      if (Files.isDirectory(entry)) {
        Files.createDirectories(copy);
      } else {
        Files.copy(entry, copy);
      }
      // deleteOnExit runs in reverse order of registration: files go before the folders that hold them.
      copy.toFile().deleteOnExit();
    }
  }
}
