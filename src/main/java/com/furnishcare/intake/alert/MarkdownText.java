package com.furnishcare.intake.alert;

import java.nio.charset.StandardCharsets;

/**
 * Robot message text: WeCom counts the limit in UTF-8 bytes (a Chinese character is three), and refuses a
 * longer message whole (40058); a message cut short, saying so, still reaches the group.
 */
public final class MarkdownText {

  private static final String CUT = "\n…";

  private MarkdownText() {}

  public static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The text itself when it fits, else as many whole characters as fit with "…" after them. */
  public static String fit(String text, int maxBytes) {
    if (bytes(text) <= maxBytes) {
      return text;
    }
    int budget = maxBytes - bytes(CUT);
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      kept.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return kept + CUT;
  }

  /**
   * A value put into markdown: line breaks and markdown's own marks would change the message's shape (a
   * homeowner's words are quoted in it), so they become plain characters.
   */
  public static String plain(String value) {
    if (value == null) {
      return "";
    }
    return value.replaceAll("[\\r\\n]+", " ").replaceAll("[*_`#>\\[\\]<]", " ").strip();
  }
}
