package com.furnishcare.intake.faq;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import java.util.List;

/**
 * When to answer, offer choices or say nothing fits, from the top hits' confidence (how much of the
 * question an entry covers, 0..1). Defaults come from the evaluation set (see README, "FAQ search").
 *
 * @param answer the top hit's confidence needed to answer directly
 * @param choices the top hit's confidence needed to offer choices; below it nothing fits
 * @param margin the runner-up must trail the top hit's confidence by at least this much for a direct answer
 */
public record FaqThresholds(double answer, double choices, double margin) {

  public static final FaqThresholds DEFAULTS = new FaqThresholds(0.6, 0.3, 0.1);

  public FaqThresholds {
    if (!(choices >= 0 && choices <= answer && answer <= 1)) {
      throw new IllegalArgumentException("need 0 <= choices <= answer <= 1, got choices " + choices + ", answer " + answer);
    }
    if (!(margin >= 0 && margin <= 1)) {
      throw new IllegalArgumentException("margin must be between 0 and 1, got " + margin);
    }
  }

  /** The decision for hits ordered best first. */
  public FaqResult.Decision decide(List<FaqHit> hits) {
    if (hits.isEmpty() || hits.get(0).confidence() < choices) {
      return FaqResult.Decision.NONE;
    }
    double top = hits.get(0).confidence();
    double second = hits.size() > 1 ? hits.get(1).confidence() : 0;
    return top >= answer && top - second >= margin ? FaqResult.Decision.ANSWER : FaqResult.Decision.CHOICES;
  }
}
