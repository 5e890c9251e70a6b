package com.furnishcare.intake.dialog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The transcript a ticket carries: the lines said so far, the last {@link DialogState#TRANSCRIPT_LINES} of them
 * kept in the session as one text, a line each. Kept here as that text and the lines added this turn, and split
 * into lines only when a ticket takes them: a turn only adds lines, and splitting the whole text into lines and
 * joining them again on every turn was a noticeable share of a turn's cost once the transcript is long.
 */
final class TranscriptLines {

  /** The session's text as read (lines joined by '\n'); null when the session had none. */
  private final String stored;
  private final int storedLines;
  private final List<String> added = new ArrayList<>();

  TranscriptLines() {
    this(null);
  }

  /** @param stored the session's text, or null for none */
  TranscriptLines(String stored) {
    this.stored = stored;
    this.storedLines = stored == null ? 0 : lineCount(stored);
  }

  /** @param line one line, without '\n' */
  void add(String line) {
    added.add(line);
  }

  boolean isEmpty() {
    return stored == null && added.isEmpty();
  }

  /** Every line, oldest first. */
  List<String> lines() {
    List<String> all = new ArrayList<>(stored == null ? List.of() : Arrays.asList(stored.split("\n")));
    all.addAll(added);
    return all;
  }

  /** The last {@code limit} lines joined by '\n', as the session keeps them. */
  String last(int limit) {
    int drop = Math.max(0, storedLines + added.size() - limit);
    if (drop >= storedLines) {
      return String.join("\n", added.subList(drop - storedLines, added.size()));
    }
    String kept = stored.substring(startOfLine(stored, drop));
    return added.isEmpty() ? kept : kept + "\n" + String.join("\n", added);
  }

  /** Lines as {@code String.split("\n")} counts them (trailing empty lines dropped). */
  private static int lineCount(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\n') {
      end--;
    }
    if (end == 0) {
      return 1;
    }
    int lines = 1;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** Where line {@code index} (from 0) of the text starts. */
  private static int startOfLine(String text, int index) {
    int at = 0;
    for (int line = 0; line < index; line++) {
      at = text.indexOf('\n', at) + 1;
    }
    return at;
  }
}
