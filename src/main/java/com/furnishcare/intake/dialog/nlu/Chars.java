package com.furnishcare.intake.dialog.nlu;

/**
 * Character-class work the understanding does on every message — dropping punctuation or filler, asking whether
 * any question mark is there — as plain loops. The regex versions ({@code Pattern.compile("[…]").matcher(t)
 * .replaceAll("")}) were a fifth of a turn's CPU under load; these give the same strings.
 */
final class Chars {

  /** A test on one UTF-16 unit. Every class here is of BMP characters, so a surrogate never belongs to one. */
  @FunctionalInterface
  interface Kind {
    boolean has(char c);
  }

  private Chars() {}

  /** The characters listed in {@code members}. */
  static Kind among(String members) {
    return c -> members.indexOf(c) >= 0;
  }

  /** CJK Unified Ideographs as the NLU counts them (U+4E00–U+9FA5). */
  static boolean isCjk(char c) {
    return c >= '\u4e00' && c <= '\u9fa5';
  }

  /** A word character for the NLU: CJK, a–z (text is lower-cased by then) or 0–9. */
  static boolean isWord(char c) {
    return isCjk(c) || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** What Java's regex {@code \s} matches (without UNICODE_CHARACTER_CLASS). */
  static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** {@code text} without the characters of {@code kind} (the same string when there are none). */
  static String remove(String text, Kind kind) {
    int first = 0;
    while (first < text.length() && !kind.has(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder kept = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!kind.has(c)) {
        kept.append(c);
      }
    }
    return kept.toString();
  }

  /** Whether any character of {@code text} is of {@code kind}. */
  static boolean any(String text, Kind kind) {
    for (int i = 0; i < text.length(); i++) {
      if (kind.has(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} without the run of {@code kind} characters at its end. */
  static String stripEnd(String text, Kind kind) {
    int end = text.length();
    while (end > 0 && kind.has(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
