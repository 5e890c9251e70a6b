package com.furnishcare.intake.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the numbers a reply gives as an answer: digits ("5", "５" once folded, "10分"), circled digits
 * ("②") and Chinese numerals ("五分", "第二个", "十"). A number counts only where it reads as an answer,
 * so "等了3天" or "一直没人来" give none:
 * <ul>
 *   <li>followed by a unit (分, 星 for scores; 个, 项, 号 for options), or</li>
 *   <li>after a marker (给, 打, 评, 选, 第), or</li>
 *   <li>digits followed by nothing more than punctuation or a filler ("5！", "4吧"), or</li>
 *   <li>a numeral that is the whole reply ("九", "三").</li>
 * </ul>
 * Long digit runs (phone and order numbers) and numbers glued to letters are skipped; a decimal ("4.5") makes
 * the reply unclear, since it is no allowed answer and no digit of it is the one meant.
 */
final class NumberReader {

  /** The numbers found; {@code unclear} when the reply held a number that cannot be an answer. */
  record Found(List<Integer> values, List<int[]> spans, boolean unclear) {}

  private static final String NUMERALS = "零〇一二两三四五六七八九十";
  private static final Set<Character> MARKERS = Set.of('给', '打', '评', '选', '第');

  private final Set<Character> units;
  private final Set<String> fillers;

  /** @param units the characters that may follow a number given as an answer */
  NumberReader(Set<Character> units, Set<String> fillers) {
    this.units = units;
    this.fillers = fillers;
  }

  Found find(String text) {
    List<Integer> values = new ArrayList<>();
    List<int[]> spans = new ArrayList<>();
    boolean unclear = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end;
      Integer value;
      boolean digits;
      if (c >= '0' && c <= '9') {
        end = run(text, i, ch -> ch >= '0' && ch <= '9');
        digits = true;
        value = end - i <= 2 ? Integer.valueOf(text.substring(i, end)) : null;
        if (isDecimal(text, i, end)) {
          unclear = true;
        }
        if (gluedToLetters(text, i, end)) {
          value = null;
        }
      } else if (c >= '①' && c <= '⑩') {
        end = i + 1;
        digits = true;
        value = c - '①' + 1;
      } else if (NUMERALS.indexOf(c) >= 0) {
        end = run(text, i, ch -> NUMERALS.indexOf(ch) >= 0);
        digits = false;
        value = numeral(text.substring(i, end));
      } else {
        i++;
        continue;
      }
      if (value != null && readsAsAnswer(text, i, end, digits)) {
        values.add(value);
        spans.add(new int[] {i, end});
      }
      i = end;
    }
    return new Found(values, spans, unclear);
  }

  private boolean readsAsAnswer(String text, int start, int end, boolean digits) {
    if (end < text.length() && units.contains(text.charAt(end))) {
      return true;
    }
    if (start > 0 && MARKERS.contains(text.charAt(start - 1))) {
      return true;
    }
    if (digits) {
      return end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
          || fillers.stream().anyMatch(f -> text.startsWith(f, end));
    }
    return Leftover.saysNothing(text.substring(0, start) + text.substring(end), fillers);
  }

  private static boolean isDecimal(String text, int start, int end) {
    boolean before = start >= 2 && text.charAt(start - 1) == '.' && Character.isDigit(text.charAt(start - 2));
    boolean after = end + 1 < text.length() && text.charAt(end) == '.' && Character.isDigit(text.charAt(end + 1));
    return before || after;
  }

  /** Part of an order number or code ("dd2026", "a3"). */
  private static boolean gluedToLetters(String text, int start, int end) {
    return (start > 0 && isLatin(text.charAt(start - 1))) || (end < text.length() && isLatin(text.charAt(end)));
  }

  private static boolean isLatin(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static int run(String text, int start, java.util.function.IntPredicate part) {
    int end = start;
    while (end < text.length() && part.test(text.charAt(end))) {
      end++;
    }
    return end;
  }

  /** 零 … 十, 十一 … 九十九 (anything above 10 is out of every range, but still a number the homeowner gave). */
  static Integer numeral(String run) {
    if (run.length() == 1) {
      return run.equals("十") ? 10 : digit(run.charAt(0));
    }
    int ten = run.indexOf('十');
    boolean shaped = ten == 0 ? run.length() == 2 : ten == 1 && run.length() <= 3;
    if (!shaped || run.indexOf('十', ten + 1) >= 0) {
      return null; // "三四" (three or four) is no single answer
    }
    Integer tens = ten == 0 ? Integer.valueOf(1) : digit(run.charAt(0));
    Integer ones = ten == run.length() - 1 ? Integer.valueOf(0) : digit(run.charAt(run.length() - 1));
    if (tens == null || ones == null) {
      return null;
    }
    return tens * 10 + ones;
  }

  private static Integer digit(char c) {
    int at = "零一二三四五六七八九".indexOf(c);
    if (at >= 0) {
      return at;
    }
    return c == '〇' ? Integer.valueOf(0) : c == '两' ? Integer.valueOf(2) : null;
  }
}
