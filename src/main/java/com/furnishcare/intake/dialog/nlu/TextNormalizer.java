package com.furnishcare.intake.dialog.nlu;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;

/**
 * Folds what users type into one form before anything is matched: traditional to simplified Chinese
 * (投訴 → 投诉, 滲水 → 渗水), full-width to half-width (１３８ → 138, ， → ,), lower case, trimmed. So
 * traditional input is understood exactly like simplified.
 */
public final class TextNormalizer {

  // ICU transliterators are costly to build and not documented as thread-safe: one per thread.
  private static final ThreadLocal<Transliterator> FOLD =
      ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified; Fullwidth-Halfwidth"));

  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String folded = FOLD.get().transliterate(text.strip());
    return folded.toLowerCase(Locale.ROOT)
        .replace('。', '.').replace('｡', '.').replace('、', ',').replace('､', ',').replace('“', '"').replace('”', '"')
        .replace('【', '[').replace('】', ']').replace('｢', '"').replace('｣', '"');
  }
}
