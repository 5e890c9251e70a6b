package com.furnishcare.intake.faq;

import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * Folds text before Lucene segments it, with the same table the dialog NLU uses: traditional to
 * simplified (櫃門 → 柜门), full-width to half-width, lower case. Questions and entries are short, so
 * the whole text is read and folded at once; folding keeps one character per character, so offsets
 * stay right.
 */
final class FoldingReader {

  private FoldingReader() {}

  static Reader fold(Reader in) {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[512];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new StringReader(TextNormalizer.normalize(text.toString()));
  }
}
