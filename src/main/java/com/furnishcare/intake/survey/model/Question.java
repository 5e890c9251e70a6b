package com.furnishcare.intake.survey.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One question of a survey.
 *
 * @param options the labels of a {@link Type#CHOICE} question, numbered from 1 in this order; empty otherwise
 * @param askIf when present, the question is asked only if an earlier answer satisfies it
 * @param followUpCategory the complaint category of the follow-up ticket a low answer here creates (a
 *     vocabulary code such as {@code service_attitude}); empty = judged from the homeowner's words
 * @param text the question itself, as the survey page shows it (with its own buttons and fields)
 * @param explain said when the answer was not understood, before the question is asked once more; empty
 *     for text questions, which take any words
 * @param howToReply how to answer by message (请回复1-5分…), said after the question where the answer is
 *     typed (the chat); empty when the question needs none
 * @param followUpIf the answers of a yes/no ({@code yes}, {@code no}) or choice question (option labels) that
 *     call for a person as a low score does ("修好了吗？" — "否"); empty for scores, which have thresholds
 */
public record Question(String id, Type type, String text, List<String> options, Optional<AskIf> askIf,
    String followUpCategory, String explain, String howToReply, List<String> followUpIf) {

  public Question {
    options = List.copyOf(options);
    howToReply = howToReply == null ? "" : howToReply;
    followUpIf = followUpIf == null ? List.of() : List.copyOf(followUpIf);
  }

  /** Whether this yes/no or choice answer is one the survey file says a person must follow up. */
  public boolean followUpFor(Answer answer) {
    if (answer instanceof Answer.YesNo y) {
      return followUpIf.contains(y.yes() ? AskIf.YES : AskIf.NO);
    }
    return answer instanceof Answer.Choice c && followUpIf.contains(c.label());
  }

  /** The question as the chat asks it: its text and how to reply. */
  public String inChat() {
    return text + howToReply;
  }

  /** How a question is answered. */
  public enum Type {
    /** A score from 1 (very unhappy) to 5 (very satisfied). */
    SCALE(1, 5),
    /** How likely the homeowner is to recommend us, 0 to 10 (Net Promoter Score). */
    NPS(0, 10),
    /** One of the labelled options, by number or by label. */
    CHOICE(0, 0),
    YES_NO(0, 0),
    /** Any words. */
    TEXT(0, 0);

    private final int min;
    private final int max;

    Type(int min, int max) {
      this.min = min;
      this.max = max;
    }

    public boolean scored() {
      return this == SCALE || this == NPS;
    }

    public int min() {
      return min;
    }

    public int max() {
      return max;
    }

    /** The name used in survey files: {@code scale}, {@code nps}, {@code choice}, {@code yes-no}, {@code text}. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Type> fromWire(String name) {
      for (Type type : values()) {
        if (type.wire().equals(name)) {
          return Optional.of(type);
        }
      }
      return Optional.empty();
    }
  }
}
