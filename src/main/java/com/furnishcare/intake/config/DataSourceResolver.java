package com.furnishcare.intake.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks where each data source is read from: the folder or file its variable names (it must exist), else
 * the default relative path in the working directory, else the built-in copy from the jar.
 */
public final class DataSourceResolver {

  /** Whether the source is a folder (dialogs, knowledge base) or a single file. */
  public enum Kind { DIRECTORY, FILE }

  private final Path workingDirectory;
  private final Supplier<Path> builtInRoot;

  /**
   * @param workingDirectory where default relative paths are looked up
   * @param builtInRoot the extracted built-in copy; asked only when a source falls back to it
   */
  public DataSourceResolver(Path workingDirectory, Supplier<Path> builtInRoot) {
    this.workingDirectory = workingDirectory;
    this.builtInRoot = builtInRoot;
  }

  /** The process's working directory and the jar's built-in copy. */
  public static DataSourceResolver standard() {
    return new DataSourceResolver(Path.of("."), BuiltInDefaults::root);
  }

  /**
   * @param configured the variable's value, if set
   * @param defaultPath relative path of the default, the same in the working directory and the built-in copy
   */
  public DataSource resolve(String name, String variable, Optional<String> configured, String defaultPath, Kind kind) {
    if (configured.isPresent()) {
      Path path = Path.of(configured.get());
      if (!Files.exists(path)) {
        throw new ConfigException(variable + " points to '" + path + "', which does not exist");
      }
      if (!isKind(path, kind)) {
        throw new ConfigException(variable + " points to '" + path + "', which is not a "
            + (kind == Kind.DIRECTORY ? "directory" : "regular file"));
      }
      return new DataSource(name, variable, path, DataSource.Origin.CONFIGURED);
    }
    Path local = workingDirectory.resolve(defaultPath);
    if (isKind(local, kind)) {
      return new DataSource(name, variable, local, DataSource.Origin.WORKING_DIRECTORY);
    }
    Path builtIn;
    try {
      builtIn = builtInRoot.get();
    } catch (RuntimeException e) {
      throw new ConfigException(variable + " is not set and there is no " + local + ", but the built-in copy cannot "
          + "be used: " + e.getMessage());
    }
    return new DataSource(name, variable, builtIn.resolve(defaultPath), DataSource.Origin.BUILT_IN);
  }

  private static boolean isKind(Path path, Kind kind) {
    return kind == Kind.DIRECTORY ? Files.isDirectory(path) : Files.isRegularFile(path);
  }
}
