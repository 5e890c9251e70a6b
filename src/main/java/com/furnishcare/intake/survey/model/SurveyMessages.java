package com.furnishcare.intake.survey.model;

import java.util.List;
import java.util.Map;

/** What a survey in the chat says besides its questions ({@code dialogs/surveys/messages.yaml}). */
public record SurveyMessages(String optedOut, String endedForComplaint, String templateRemark) {

  public static final List<String> KEYS = List.of("optedOut", "endedForComplaint", "templateRemark");

  public static SurveyMessages of(Map<String, String> texts) {
    return new SurveyMessages(texts.get("optedOut"), texts.get("endedForComplaint"), texts.get("templateRemark"));
  }
}
