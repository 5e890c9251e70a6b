package com.furnishcare.intake.survey;

import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.Question;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The facts of a SURVEY_FOLLOWUP turn (the dialog engine files the ticket from them), the same wherever the
 * low answer came from: the chat, the survey page or an SMS reply.
 */
public final class SurveyFollowUps {

  private static final Pattern BARE_NUMBER = Pattern.compile("[0-9０-９]{1,2}");

  private SurveyFollowUps() {}

  /**
   * A score as a follow-up's description: the question (as the page shows it) and the score out of the
   * most ("安装师傅的服务态度您满意吗？ 2/5"), so whoever reads the ticket knows what a bare digit answered.
   */
  public static String scored(Question question, int score) {
    return question.text() + " " + score + "/" + question.type().max();
  }

  /**
   * A reply typed in the chat or sent by SMS as a follow-up's description: a score with its question and
   * the words it was given in, unless they were the bare number ("安装师傅的服务态度您满意吗？ 1/5 太差了");
   * anything else as written.
   */
  public static String described(Optional<Question> question, Optional<Answer> answer, String reply) {
    if (question.isEmpty() || !(answer.orElse(null) instanceof Answer.Score score)) {
      return reply;
    }
    String words = reply.strip();
    String scored = scored(question.get(), score.value());
    return BARE_NUMBER.matcher(words).matches() ? scored : scored + " " + words;
  }

  /**
   * @param job the survey job the answer belongs to (its order, name and phone), if it is still known
   * @param phone the homeowner's number when the channel vouches for it (an SMS sender); else the job's
   * @param category the question's follow-up category; empty: judged from the description
   * @param description what the homeowner said, or the question with the answer given
   */
  public static Map<String, String> facts(Optional<SurveyJob> job, Optional<String> phone, String category,
      String description, int level, int firstResponseMinutes) {
    return Map.of(
        "category", category,
        "description", description,
        "orderNo", job.map(SurveyJob::orderNo).orElse(""),
        "customerName", job.flatMap(SurveyJob::customerName).orElse(""),
        "phone", phone.or(() -> job.flatMap(SurveyJob::phone)).orElse(""),
        "dealer", job.flatMap(SurveyJob::dealer).orElse(""),
        "installer", job.flatMap(SurveyJob::installer).orElse(""),
        "level", Integer.toString(level),
        "firstResponseMinutes", Integer.toString(firstResponseMinutes));
  }
}
