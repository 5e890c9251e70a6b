package com.furnishcare.intake.survey.model;

import java.util.List;
import java.util.Map;

/**
 * What a survey says besides its questions ({@code dialogs/surveys/messages.yaml}); {@code answeredYes} and
 * {@code answeredNo} are how a yes/no answer reads where people see it (a follow-up ticket's description).
 */
public record SurveyMessages(String optedOut, String endedForComplaint, String templateRemark, String answeredYes,
    String answeredNo) {

  public static final List<String> KEYS = List.of("optedOut", "endedForComplaint", "templateRemark", "answeredYes",
      "answeredNo");

  public static SurveyMessages of(Map<String, String> texts) {
    return new SurveyMessages(texts.get("optedOut"), texts.get("endedForComplaint"), texts.get("templateRemark"),
        texts.get("answeredYes"), texts.get("answeredNo"));
  }
}
