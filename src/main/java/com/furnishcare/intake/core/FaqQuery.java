package com.furnishcare.intake.core;

import java.util.Objects;

/**
 * What to look up in the knowledge base: a question as the homeowner typed it, or one entry by id
 * (the homeowner picked it from offered choices). Exactly one of the two is set.
 */
public record FaqQuery(String text, String entryId) {

  public FaqQuery {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(entryId, "entryId");
    if (text.isEmpty() == entryId.isEmpty()) {
      throw new IllegalArgumentException("a FAQ query has either a text or an entry id");
    }
  }

  public static FaqQuery question(String text) {
    return new FaqQuery(text.isBlank() ? " " : text, "");
  }

  public static FaqQuery entry(String id) {
    return new FaqQuery("", id);
  }

  public boolean byEntry() {
    return !entryId.isEmpty();
  }
}
