package com.furnishcare.intake.dialog.nlu;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words the NLU matches, loaded from {@code dialogs/vocabulary.yaml}. All words are in folded
 * form (simplified, lower case). A word starting with {@code =} matches only a whole message.
 *
 * @param asks words that make a message a question ("吗", "什么", "怎么"), besides a question mark
 * @param negations words that turn a yes-word after them into a no ("不" + "确认", "别" + "提交")
 */
public record Vocabulary(
    List<Term> categories,
    List<String> wantCues,
    List<Term> wants,
    List<String> yes,
    List<String> no,
    List<String> none,
    List<String> asks,
    List<String> negations,
    Map<Intent, List<String>> intents,
    Map<String, List<String>> slotWords) {

  /** A code with its display label and the words that mean it. */
  public record Term(String code, String label, List<String> words) {}

  public Optional<Term> category(String code) {
    return categories.stream().filter(t -> t.code().equals(code)).findFirst();
  }

  public Optional<Term> want(String code) {
    return wants.stream().filter(t -> t.code().equals(code)).findFirst();
  }
}
