package com.furnishcare.intake.faq;

import java.util.List;
import java.util.Set;

/** Everything read from {@code knowledge-base/}: the entries, the synonym rules and the stop words. */
public record KnowledgeBase(List<FaqEntry> entries, String synonyms, Set<String> stopWords) {
  public KnowledgeBase {
    entries = List.copyOf(entries);
    stopWords = Set.copyOf(stopWords);
  }
}
