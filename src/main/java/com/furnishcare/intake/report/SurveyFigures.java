package com.furnishcare.intake.report;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import java.time.Instant;

/**
 * What survey facts add to the aggregates (pure). A cell is a day (China time) × survey (the service node)
 * × dealer × installer; it counts surveys sent (by the day the job finished as sent), responses (by the day
 * the first answer came) and, per question, how many answers gave each score ({@code a.<question>.<score>},
 * by the response's first day). Which scores are CSAT (1–5) or NPS (0–10) answers is decided when the figures
 * are read, from the survey as loaded then — exactly as {@code SurveyResults} does — so a reloaded survey
 * book never leaves stale classifications in the aggregates.
 */
public final class SurveyFigures {

  public static final String SENT = "sent";
  public static final String RESPONSES = "resp";
  public static final String ANSWER_PREFIX = "a.";

  private SurveyFigures() {}

  public static CellKey cell(SurveyJob job, Instant at) {
    return new CellKey(TicketFigures.day(at), String.join("|", "s", CellKey.part(job.survey()),
        CellKey.part(job.dealer().orElse("")), CellKey.part(job.installer().orElse(""))));
  }

  public static ReportDelta.Contribution sent(SurveyJob job, Instant at) {
    return new ReportDelta.Contribution(cell(job, at), new Counters().add(SENT, 1));
  }

  public static ReportDelta.Contribution responseStarted(SurveyJob job, Instant startedAt) {
    return new ReportDelta.Contribution(cell(job, startedAt), new Counters().add(RESPONSES, 1));
  }

  /** Nothing for an answer without a score (a choice, yes/no or words). */
  public static ReportDelta.Contribution answer(SurveyJob job, Instant startedAt, SurveyAnswer answer) {
    Counters c = new Counters();
    answer.score().ifPresent(score -> c.add(answerName(answer.questionId(), score), 1));
    return new ReportDelta.Contribution(cell(job, startedAt), c);
  }

  public static String answerName(String questionId, int score) {
    return ANSWER_PREFIX + Counters.safe(questionId) + "." + score;
  }
}
