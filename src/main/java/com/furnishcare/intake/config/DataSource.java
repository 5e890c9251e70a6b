package com.furnishcare.intake.config;

import java.nio.file.Path;

/**
 * Where one set of operator-editable data (the dialogs, the knowledge base, a config file) is read from,
 * and why that place was chosen.
 *
 * @param name what the data is, for messages ("dialogs")
 * @param variable the variable that would choose another place
 */
public record DataSource(String name, String variable, Path path, Origin origin) {

  /** In order of precedence. */
  public enum Origin {
    /** The variable names it. */
    CONFIGURED,
    /** The variable is unset and the default relative path exists in the working directory. */
    WORKING_DIRECTORY,
    /** Neither: the copy shipped inside the jar, extracted to a temporary directory. */
    BUILT_IN
  }

  /** One line for the start-up log and {@code --check}. */
  public String describe() {
    return switch (origin) {
      case CONFIGURED -> name + ": " + path + " (" + variable + ")";
      case WORKING_DIRECTORY -> name + ": " + path + " in the working directory (set " + variable + " to use another)";
      case BUILT_IN -> name + ": built-in copy (set " + variable + " to use your own)";
    };
  }
}
