package com.furnishcare.intake.dialog;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code {name}} placeholders in flow texts; unknown names are left visible so a typo shows. */
final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9.]*)}");

  private Templates() {}

  static String render(String template, Map<String, String> values) {
    return render(template, values::get);
  }

  /** @param values a placeholder's value, or null for none; asked only for the names the template holds */
  static String render(String template, Function<String, String> values) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
