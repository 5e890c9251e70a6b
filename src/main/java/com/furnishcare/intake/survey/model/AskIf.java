package com.furnishcare.intake.survey.model;

/**
 * Skip logic: a question is asked only when an earlier question's answer passes this test, e.g. "what
 * went wrong" only after a score of 3 or less. A question that was not answered (skipped, or unclear
 * twice) passes no test, so nothing is asked about an answer the homeowner never gave.
 *
 * @param question the id of an earlier question of the same survey
 */
public record AskIf(String question, Test test, int number, String label) {

  /** Scores are compared with {@code number}; a choice or a yes/no with {@code label}. */
  public enum Test {
    AT_MOST, AT_LEAST, EQUALS
  }

  /** The labels a yes/no condition compares with ({@code equals: yes} or {@code equals: no}). */
  public static final String YES = "yes";
  public static final String NO = "no";

  public static AskIf atMost(String question, int number) {
    return new AskIf(question, Test.AT_MOST, number, "");
  }

  public static AskIf atLeast(String question, int number) {
    return new AskIf(question, Test.AT_LEAST, number, "");
  }

  public static AskIf equalTo(String question, String label) {
    return new AskIf(question, Test.EQUALS, 0, label);
  }

  public boolean holdsFor(Answer answer) {
    return switch (test) {
      case AT_MOST -> answer instanceof Answer.Score s && s.value() <= number;
      case AT_LEAST -> answer instanceof Answer.Score s && s.value() >= number;
      case EQUALS -> answer instanceof Answer.Choice c ? c.label().equals(label)
          : answer instanceof Answer.YesNo y && y.yes() == label.equals(YES);
    };
  }
}
