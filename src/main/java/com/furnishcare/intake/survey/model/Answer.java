package com.furnishcare.intake.survey.model;

/** What a homeowner's reply to one question was understood as. */
public sealed interface Answer {

  /** A scale (1–5) or NPS (0–10) score. */
  record Score(int value) implements Answer {}

  /** @param number the option's position, from 1 */
  record Choice(int number, String label) implements Answer {}

  record YesNo(boolean yes) implements Answer {}

  /** The reply to a text question, as the homeowner wrote it. */
  record Text(String text) implements Answer {}
}
