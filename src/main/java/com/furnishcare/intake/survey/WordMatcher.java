package com.furnishcare.intake.survey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds listed words in a folded reply, scanning left to right and taking the longest word that starts at
 * each place, so "不满意" is found rather than the "满意" inside it, and "非常不满意" rather than either.
 */
final class WordMatcher {

  /** A word found at {@code [start, end)} of the reply. */
  record Match(String word, int start, int end) {
    boolean single() {
      return word.length() == 1;
    }
  }

  private WordMatcher() {}

  static List<Match> find(String text, Collection<String> words) {
    List<Match> found = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      String best = null;
      for (String word : words) {
        if (text.startsWith(word, i) && (best == null || word.length() > best.length())) {
          best = word;
        }
      }
      if (best == null) {
        i++;
      } else {
        found.add(new Match(best, i, i + best.length()));
        i += best.length();
      }
    }
    return found;
  }

  /** The reply with the found words blanked out (same length, so positions still hold). */
  static String blank(String text, List<Match> matches) {
    StringBuilder out = new StringBuilder(text);
    for (Match m : matches) {
      for (int i = m.start(); i < m.end(); i++) {
        out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }
}
