package com.furnishcare.intake.survey.model;

import java.util.Map;
import java.util.Set;

/**
 * The words homeowners answer surveys with, from {@code answer-words.yaml}, already folded by
 * {@code TextNormalizer} (simplified script, half-width, lower case) so they match folded replies.
 *
 * @param scale words that mean a 1–5 score ("非常满意" → 5, "还行" → 3)
 * @param nps words that mean a 0–10 recommendation ("肯定会" → 10, "不推荐" → 0)
 * @param lukewarm words that call for a follow-up whatever the score ("一般", "再看看"): the prelude to a complaint
 * @param optOut replies that stop all surveys to the sender, when they are the whole message ("退订", "td")
 * @param complaintSigns words that make a reply a complaint rather than an answer ("掉了", "什么时候来")
 * @param fillers polite or filler words a short reply may carry around its answer ("吧", "谢谢", "请")
 */
public record AnswerWords(Map<String, Integer> scale, Map<String, Integer> nps, Set<String> yes, Set<String> no,
    Set<String> lukewarm, Set<String> optOut, Set<String> complaintSigns, Set<String> fillers) {

  public AnswerWords {
    scale = Map.copyOf(scale);
    nps = Map.copyOf(nps);
    yes = Set.copyOf(yes);
    no = Set.copyOf(no);
    lukewarm = Set.copyOf(lukewarm);
    optOut = Set.copyOf(optOut);
    complaintSigns = Set.copyOf(complaintSigns);
    fillers = Set.copyOf(fillers);
  }
}
