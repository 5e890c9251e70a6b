package com.furnishcare.intake.web;

import com.furnishcare.intake.survey.model.Survey;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The surveys as loaded now (they reload on edit): which ids a dispatched event may name, and each survey's
 * questions, whose types the results need (a 4 is satisfied on a 1–5 question, a detractor on a 0–10 one).
 */
@FunctionalInterface
public interface SurveyCatalog extends Predicate<String> {

  Optional<Survey> find(String surveyId);

  /** Whether a survey of that id exists. */
  @Override
  default boolean test(String surveyId) {
    return find(surveyId).isPresent();
  }
}
