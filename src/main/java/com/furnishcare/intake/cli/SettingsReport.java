package com.furnishcare.intake.cli;

import com.furnishcare.intake.config.Variable;
import com.furnishcare.intake.config.Variables;
import java.util.Map;

/**
 * Every variable with the value the gateway would run with, as {@code --check} prints it. Secret values
 * never appear, nor do credentials written into a URL (redis://:password@host).
 */
final class SettingsReport {

  static final String MASK = "******** (set)";

  private SettingsReport() {}

  /**
   * @param values the loaded values (config file + environment)
   * @param environment the process environment, for the variables read from it only
   */
  static String render(Map<String, String> values, Map<String, String> environment) {
    int width = Variables.ALL.stream().mapToInt(v -> v.name().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (Variable v : Variables.ALL) {
      String raw = v.environmentOnly() ? environment.get(v.name()) : values.get(v.name());
      boolean set = raw != null && !raw.isBlank();
      out.append("  ").append(v.name()).append(" ".repeat(width - v.name().length())).append("  ")
          .append(set ? shown(v, raw.strip()) : v.defaultValue() + " (default)").append('\n');
    }
    return out.toString();
  }

  private static String shown(Variable variable, String value) {
    if (variable.secret()) {
      return MASK;
    }
    return withoutCredentials(value);
  }

  /** user:password@ in any URL-valued setting (REDIS_URL, SMS_API_PROXY, RT_URL, TICKET_WEBHOOK_URL). */
  static String withoutCredentials(String value) {
    return value.replaceAll("(://)[^/@\\s]*@", "$1***@");
  }
}
