package com.furnishcare.intake.survey;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * CSAT and NPS, computed the standard way over the answers of a set of responses (partial ones included:
 * every answer given counts).
 *
 * <ul>
 *   <li>CSAT (customer satisfaction) = the share of the 1–5 ({@code scale}) answers that are 4 or 5, from 0
 *       to 1. Every scale question counts (attitude, professionalism, timeliness, result, …).
 *   <li>NPS (net promoter score) = % promoters (9–10) − % detractors (0–6) among the 0–10 ({@code nps})
 *       answers, from −100 to 100; passives (7–8) count in the total only.
 * </ul>
 *
 * An answer's kind is its question's type in the survey as loaded now; an answer to a question no longer in
 * its survey is left out (its scale is unknown).
 */
public final class SurveyResults {

  private SurveyResults() {}

  /** The counts behind the two figures. */
  public record Score(int responses, int scaleAnswers, int satisfied, int npsAnswers, int promoters, int detractors) {

    static final Score NONE = new Score(0, 0, 0, 0, 0, 0);

    /** Share of 4–5 among the 1–5 answers; empty without any. */
    public Optional<Double> csat() {
      return scaleAnswers == 0 ? Optional.empty() : Optional.of((double) satisfied / scaleAnswers);
    }

    /** % promoters − % detractors; empty without any 0–10 answer. */
    public Optional<Double> nps() {
      return npsAnswers == 0 ? Optional.empty() : Optional.of(100.0 * (promoters - detractors) / npsAnswers);
    }

    Score plus(Score o) {
      return new Score(responses + o.responses, scaleAnswers + o.scaleAnswers, satisfied + o.satisfied,
          npsAnswers + o.npsAnswers, promoters + o.promoters, detractors + o.detractors);
    }
  }

  /** All responses together, and per survey id (sorted). */
  public record Summary(Score all, Map<String, Score> bySurvey) {
    public Summary {
      bySurvey = java.util.Collections.unmodifiableMap(new TreeMap<>(bySurvey));
    }
  }

  /** @param surveys the survey of an id, as loaded now */
  public static Summary of(List<SurveyResponse> responses, Function<String, Optional<Survey>> surveys) {
    Score all = Score.NONE;
    Map<String, Score> bySurvey = new TreeMap<>();
    for (SurveyResponse response : responses) {
      Score one = score(response, surveys.apply(response.job().survey()));
      all = all.plus(one);
      bySurvey.merge(response.job().survey(), one, Score::plus);
    }
    return new Summary(all, bySurvey);
  }

  private static Score score(SurveyResponse response, Optional<Survey> survey) {
    int scale = 0;
    int satisfied = 0;
    int nps = 0;
    int promoters = 0;
    int detractors = 0;
    for (SurveyAnswer answer : response.answers()) {
      Optional<Question.Type> type = survey.flatMap(s -> s.question(answer.questionId())).map(Question::type);
      if (type.isEmpty() || answer.score().isEmpty()) {
        continue;
      }
      int value = answer.score().get();
      if (type.get() == Question.Type.SCALE && value >= 1 && value <= 5) {
        scale++;
        satisfied += value >= 4 ? 1 : 0;
      } else if (type.get() == Question.Type.NPS && value >= 0 && value <= 10) {
        nps++;
        promoters += value >= 9 ? 1 : 0;
        detractors += value <= 6 ? 1 : 0;
      }
    }
    return new Score(1, scale, satisfied, nps, promoters, detractors);
  }
}
