package com.furnishcare.intake.core;

import java.util.List;
import java.util.Locale;

/** The hits for a question, best first, and what to do with them. */
public record FaqResult(Decision decision, List<FaqHit> hits) {

  /** answer: the top hit is clearly best; choices: offer the top few; none: nothing fits. */
  public enum Decision {
    ANSWER, CHOICES, NONE;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public FaqResult {
    hits = List.copyOf(hits);
    if (decision != Decision.NONE && hits.isEmpty()) {
      throw new IllegalArgumentException(decision + " needs at least one hit");
    }
  }

  public static FaqResult none(List<FaqHit> hits) {
    return new FaqResult(Decision.NONE, hits);
  }

  public FaqHit top() {
    return hits.get(0);
  }
}
