package com.furnishcare.intake.survey;

import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A survey asked in the chat, one reply at a time. Pure: the caller keeps the {@link Progress} between
 * replies, saves each answer and files the follow-up.
 *
 * <ul>
 *   <li>An unclear reply is asked once more (with the question's explanation), then the survey moves on:
 *       no dead ends.
 *   <li>The first low score (scale at most {@code scaleAtMost}, NPS at most {@code npsAtMost}) or lukewarm
 *       word ("一般", "还行", "再看看") asks for a follow-up at once — a person must call within the hour,
 *       whether or not the homeowner finishes the survey.
 *   <li>"退订 / TD / 拒收" ends it for good; a complaint mid-survey ends it politely and goes to the intake.
 * </ul>
 */
public final class SurveyConversation {

  /** When an answer calls for a person, and when a recommender is thanked as a promoter. */
  public record Thresholds(int scaleAtMost, int npsAtMost, int promoterAtLeast) {
    public static Thresholds defaults() {
      return new Thresholds(3, 6, 9);
    }
  }

  /**
   * Where a survey in the chat stands.
   *
   * @param questionId the question waiting for its answer
   * @param asked how often it has been asked (an unclear reply asks it once more)
   * @param answers the answers so far, for skip logic and the closing words
   * @param followedUp whether a follow-up was already asked for (one per survey)
   */
  public record Progress(String jobId, String surveyId, String questionId, int asked, Map<String, Answer> answers,
      boolean followedUp) {
    public Progress {
      answers = Map.copyOf(answers);
    }
  }

  public enum Outcome { CONTINUES, COMPLETED, OPTED_OUT, ENDED_FOR_COMPLAINT }

  /** An answer to save: the question and what was understood, with the reply as written. */
  public record Answered(String questionId, Answer answer, String reply) {}

  /** A person must contact the homeowner: the category the question names (empty: judge from the reply). */
  public record FollowUp(String category, String questionId, String reply) {}

  /** One reply's result: what to say, what to save, whether a person must follow up, and the next state. */
  public record Step(Outcome outcome, Optional<Progress> progress, List<String> say, Optional<Answered> answered,
      Optional<FollowUp> followUp) {
    public Step {
      say = List.copyOf(say);
    }
  }

  private final AnswerReader reader;
  private final Thresholds thresholds;

  public SurveyConversation(AnswerReader reader, Thresholds thresholds) {
    this.reader = reader;
    this.thresholds = thresholds;
  }

  /** The survey's opening: its intro and first question. */
  public Step start(SurveyBook book, String jobId, String surveyId) {
    Survey survey = book.survey(surveyId);
    Question first = next(survey, Optional.empty(), Map.of()).orElseThrow();
    return new Step(Outcome.CONTINUES,
        Optional.of(new Progress(jobId, surveyId, first.id(), 1, Map.of(), false)),
        List.of(survey.intro(), first.inChat()), Optional.empty(), Optional.empty());
  }

  public Step reply(SurveyBook book, Progress progress, String reply) {
    if (reader.optOut(reply)) {
      return end(Outcome.OPTED_OUT, book.messages().optedOut());
    }
    Survey survey = book.survey(progress.surveyId());
    Question question = survey.question(progress.questionId()).orElseThrow(() ->
        new IllegalStateException("survey " + survey.id() + " has no question " + progress.questionId()));
    Optional<Answer> understood = reader.read(question, reply);
    if (understood.isEmpty()) {
      if (reader.complains(reply)) {
        return end(Outcome.ENDED_FOR_COMPLAINT, book.messages().endedForComplaint());
      }
      if (progress.asked() < 2) {
        // Once more, with how to answer; after that the survey moves on rather than loop.
        return new Step(Outcome.CONTINUES, Optional.of(new Progress(progress.jobId(), progress.surveyId(),
            question.id(), progress.asked() + 1, progress.answers(), progress.followedUp())),
            List.of(question.explain().isEmpty() ? question.inChat() : question.explain()), Optional.empty(),
            Optional.empty());
      }
      return advance(survey, progress, progress.answers(), progress.followedUp(), Optional.empty(), Optional.empty());
    }
    Answer answer = understood.get();
    Map<String, Answer> answers = new LinkedHashMap<>(progress.answers());
    answers.put(question.id(), answer);
    Optional<FollowUp> followUp = !progress.followedUp() && callsForPerson(question, answer, reply)
        ? Optional.of(new FollowUp(question.followUpCategory(), question.id(), reply))
        : Optional.empty();
    return advance(survey, progress, answers, progress.followedUp() || followUp.isPresent(),
        Optional.of(new Answered(question.id(), answer, reply)), followUp);
  }

  private Step advance(Survey survey, Progress progress, Map<String, Answer> answers, boolean followedUp,
      Optional<Answered> answered, Optional<FollowUp> followUp) {
    Optional<Question> next = next(survey, Optional.of(progress.questionId()), answers);
    if (next.isPresent()) {
      return new Step(Outcome.CONTINUES, Optional.of(new Progress(progress.jobId(), progress.surveyId(),
          next.get().id(), 1, answers, followedUp)), List.of(next.get().inChat()), answered, followUp);
    }
    List<String> closing = new ArrayList<>();
    closing.add(followedUp ? survey.lowScoreReply() : promoter(survey, answers) ? survey.thanksPromoter() : survey.thanks());
    return new Step(Outcome.COMPLETED, Optional.empty(), closing, answered, followUp);
  }

  /** The first question after {@code after} whose condition holds on the answers so far. */
  private static Optional<Question> next(Survey survey, Optional<String> after, Map<String, Answer> answers) {
    boolean passed = after.isEmpty();
    for (Question q : survey.questions()) {
      if (!passed) {
        passed = q.id().equals(after.get());
        continue;
      }
      boolean asked = q.askIf().map(cond -> Optional.ofNullable(answers.get(cond.question()))
          .map(cond::holdsFor).orElse(false)).orElse(true);
      if (asked) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this answer calls for a person: a score at or below the question type's threshold, or a
   * lukewarm word in what the homeowner wrote. The survey page applies the same rule.
   */
  public boolean callsForPerson(Question question, Answer answer, String reply) {
    if (question.followUpFor(answer)) {
      return true;
    }
    if (answer instanceof Answer.Score score) {
      int limit = question.type() == Question.Type.NPS ? thresholds.npsAtMost() : thresholds.scaleAtMost();
      if (score.value() <= limit) {
        return true;
      }
    }
    return reader.lukewarm(reply);
  }

  /** Whether the homeowner would recommend us (an NPS answer at or above the promoter threshold). */
  public boolean promoter(Survey survey, Map<String, Answer> answers) {
    return survey.questions().stream().filter(q -> q.type() == Question.Type.NPS)
        .map(q -> answers.get(q.id())).anyMatch(a -> a instanceof Answer.Score s && s.value() >= thresholds.promoterAtLeast());
  }

  private static Step end(Outcome outcome, String say) {
    return new Step(outcome, Optional.empty(), List.of(say), Optional.empty(), Optional.empty());
  }
}
