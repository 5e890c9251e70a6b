package com.furnishcare.intake.faq;

import java.util.List;

/**
 * One knowledge-base entry: a stable id, the question as homeowners ask it, other ways they ask it,
 * tags, an optional complaint category it can lead to, and the answer shown to the homeowner.
 */
public record FaqEntry(String id, String question, List<String> phrasings, List<String> tags, String category,
    String answer, String file) {
  public FaqEntry {
    phrasings = List.copyOf(phrasings);
    tags = List.copyOf(tags);
  }
}
