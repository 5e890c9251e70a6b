package com.furnishcare.intake.config;

/** A configuration value that cannot be used; the message names the variable so start-up can say what to fix. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
