package com.furnishcare.intake.dialog.nlu;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words the NLU matches, loaded from {@code dialogs/vocabulary.yaml}. All words are in folded
 * form (simplified, lower case). A word starting with {@code =} matches only a whole message.
 *
 * @param asks words that make a message a question ("吗", "什么", "怎么"), besides a question mark
 * @param negations words that turn a yes-word after them into a no ("不" + "确认", "别" + "提交")
 * @param problems words that, after a category's topic, make "X有问题", "X不对", "X太慢"
 * @param problemGap filler allowed between a topic and a problem word ("设计上的问题", "响应速度太慢")
 * @param surnames common Chinese surnames, single-character and compound: a name starts with one
 * @param finished whole messages that say "that was all" after sending several things ("好了", "发完了")
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
    Map<com.furnishcare.intake.dialog.model.SlotType, List<String>> slotWords,
    List<String> problems,
    List<String> problemGap,
    Set<String> surnames,
    List<String> finished) {

  /**
   * A code with its display label and the words that mean it; for categories also the topics it is
   * about ("设计", "尺寸") and, optionally, its own problem markers that may stand before or after a
   * topic ("缺" + "配件", "交货" + "晚"); {@code ownSymptoms}: its words keep this category whatever
   * topic stands before them ("师傅骂人" is about attitude).
   */
  public record Term(String code, String label, List<String> words, List<String> topics, List<String> markers,
      boolean ownSymptoms) {
    public Term(String code, String label, List<String> words) {
      this(code, label, words, List.of(), List.of(), false);
    }
  }

  public Optional<Term> category(String code) {
    return categories.stream().filter(t -> t.code().equals(code)).findFirst();
  }

  public Optional<Term> want(String code) {
    return wants.stream().filter(t -> t.code().equals(code)).findFirst();
  }
}
