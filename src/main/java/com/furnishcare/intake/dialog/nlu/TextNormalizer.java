package com.furnishcare.intake.dialog.nlu;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * Folds what users type into one form before anything is matched: traditional to simplified Chinese
 * (投訴 → 投诉, 滲水 → 渗水), full-width to half-width (１３８ → 138, ， → ,), lower case, trimmed. So
 * traditional input is understood exactly like simplified.
 *
 * <p>ICU4J's Traditional-Simplified transliterator maps character by character; running it on every
 * message cost about 50 µs, so its mapping of each CJK character is read once into a table and
 * messages are folded with a lookup. One word needs more than a character: 甚麼 (traditional for 什么)
 * folds to 甚么 and is then rewritten to 什么, so "甚麼時候" asks like "什么时候".
 */
public final class TextNormalizer {

  private static final char FIRST = '\u3400';
  private static final char LAST = '\u9fff';
  private static final char[] SIMPLIFIED = buildTable();

  private TextNormalizer() {}

  private static char[] buildTable() {
    Transliterator toSimplified = Transliterator.getInstance("Traditional-Simplified");
    char[] table = new char[LAST - FIRST + 1];
    for (char c = FIRST; c <= LAST; c++) {
      String folded = toSimplified.transliterate(String.valueOf(c));
      table[c - FIRST] = folded.length() == 1 ? folded.charAt(0) : c;
    }
    return table;
  }

  public static String normalize(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String stripped = text.strip();
    StringBuilder out = new StringBuilder(stripped.length());
    for (int i = 0; i < stripped.length(); i++) {
      out.append(fold(stripped.charAt(i)));
    }
    String folded = out.toString().toLowerCase(Locale.ROOT);
    // 甚麼 is the usual traditional spelling of 什么; character by character it folds to 甚么.
    return folded.contains("甚么") ? folded.replace("甚么", "什么") : folded;
  }

  private static char fold(char c) {
    if (c >= FIRST && c <= LAST) {
      return SIMPLIFIED[c - FIRST];
    }
    if (c >= '\uff01' && c <= '\uff5e') {
      return (char) (c - 0xfee0); // full-width ASCII forms: １ → 1, ， → ,
    }
    return switch (c) {
      case '\u3000' -> ' ';
      case '。', '｡' -> '.';
      case '、', '､' -> ',';
      case '“', '”', '「', '」', '｢', '｣' -> '"';
      case '【' -> '[';
      case '】' -> ']';
      default -> c;
    };
  }
}
