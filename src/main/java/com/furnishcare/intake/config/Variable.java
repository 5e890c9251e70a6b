package com.furnishcare.intake.config;

/**
 * One setting the gateway reads: its name, default (as an operator would write it, "–" for none) and
 * meaning, for {@code --help} and {@code --check}.
 *
 * @param secret its value never appears in output (tokens, keys, passwords)
 * @param environmentOnly read from the environment only (not from {@code GATEWAY_CONFIG_FILE})
 */
public record Variable(String name, String defaultValue, String meaning, boolean secret, boolean environmentOnly) {

  static Variable setting(String name, String defaultValue, String meaning) {
    return new Variable(name, defaultValue, meaning, false, false);
  }

  static Variable secret(String name, String meaning) {
    return new Variable(name, "–", meaning, true, false);
  }

  static Variable environmentOnly(String name, String defaultValue, String meaning) {
    return new Variable(name, defaultValue, meaning, false, true);
  }
}
