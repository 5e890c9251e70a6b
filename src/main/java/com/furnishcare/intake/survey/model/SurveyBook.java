package com.furnishcare.intake.survey.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every survey by id and the answer words, loaded and checked together so an edit is taken whole or not at all. */
public record SurveyBook(Map<String, Survey> surveys, AnswerWords words, SurveyMessages messages) {

  /** The surveys the service system dispatches by id; each must have a file. */
  public static final List<String> REQUIRED_IDS = List.of("post-design", "post-measurement", "post-installation",
      "post-repair", "return-visit");

  public SurveyBook {
    surveys = Map.copyOf(surveys);
  }

  public Optional<Survey> find(String id) {
    return Optional.ofNullable(surveys.get(id));
  }

  /** A survey that must exist (the loader checks every required id). */
  public Survey survey(String id) {
    Survey survey = surveys.get(id);
    if (survey == null) {
      throw new IllegalArgumentException("no survey '" + id + "'; known: " + surveys.keySet());
    }
    return survey;
  }
}
