package com.furnishcare.intake.survey.model;

import java.util.List;
import java.util.Optional;

/**
 * One satisfaction survey, sent after a service node. Its texts are said to the homeowner as written:
 * {@code intro} before the first question, {@code thanks} at the end, {@code thanksPromoter} instead
 * when the homeowner would recommend us, and {@code lowScoreReply} when an answer calls for a follow-up
 * by a person.
 *
 * @param file the file it was read from, for messages about it
 */
public record Survey(String id, Node node, String title, String intro, String thanks, String thanksPromoter,
    String lowScoreReply, List<Question> questions, String file) {

  public Survey {
    questions = List.copyOf(questions);
  }

  /** The service after which a survey is sent; results are reported by node. */
  public enum Node {
    DESIGN, MEASUREMENT, INSTALLATION, REPAIR, COMPLAINT;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The question a one-digit SMS reply answers: the first 1–5 question asked whatever came before (no
   * {@code askIf}), else the first such 0–10 one. The survey SMS invites "a score from 1 to 5" for every
   * survey, so a survey opening with a yes/no question still has its digit answered.
   */
  public Optional<Question> digitQuestion() {
    return firstUnconditional(Question.Type.SCALE).or(() -> firstUnconditional(Question.Type.NPS));
  }

  private Optional<Question> firstUnconditional(Question.Type type) {
    return questions.stream().filter(q -> q.type() == type && q.askIf().isEmpty()).findFirst();
  }

  public Optional<Question> question(String questionId) {
    return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
  }
}
