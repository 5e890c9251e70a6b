package com.furnishcare.intake.web;

import com.furnishcare.intake.config.SurveyConfig;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.survey.AnswerReader;
import com.furnishcare.intake.survey.SurveyConversation;
import com.furnishcare.intake.survey.SurveyFollowUps;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import com.furnishcare.intake.survey.model.SurveyMessages;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the survey page ({@code /s/{code}}) does with a code: opens the survey of its job with the answers
 * kept so far, keeps each answer as it is given (checked against the survey), and completes the response
 * once. An answer that calls for a person (the chat's rule: {@link SurveyConversation#callsForPerson}) runs
 * the same SURVEY_FOLLOWUP turn the chat runs, in the homeowner's own conversation: their WeChat one when
 * the job has an OpenID, else the conversation of their phone number ({@code sms:<phone>}). One follow-up per
 * response: none once an earlier answer called for one, and the turn's message key is the job's, so a
 * retried or concurrent answer files nothing twice.
 *
 * <p>One instance per process (its wrong-code limiter is shared by every HTTP verticle).
 */
public final class SurveyPage {

  private static final Logger LOG = LoggerFactory.getLogger(SurveyPage.class);

  /** Stored as the response's channel. */
  static final String CHANNEL = "page";
  /** Longest free-text answer, in characters. */
  static final int MAX_TEXT = 1000;
  /** Wrong codes one client address may try per hour before every code answers 429 (32⁶ codes exist). */
  static final int WRONG_CODES_PER_HOUR = 20;

  /** A refusal the page is told as an HTTP status. */
  static final class Refused extends RuntimeException {
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** A live code: its job, the survey (as the files say now) and the answers kept so far. */
  record Opened(SurveyJob job, Survey survey, Optional<SurveyResponse> response) {
    Map<String, SurveyAnswer> answers() {
      Map<String, SurveyAnswer> byQuestion = new LinkedHashMap<>();
      response.ifPresent(r -> r.answers().forEach(a -> byQuestion.put(a.questionId(), a)));
      return byQuestion;
    }

    boolean completed() {
      return response.flatMap(SurveyResponse::completedAt).isPresent();
    }
  }

  private final SurveyStore store;
  private final Supplier<SurveyBook> books;
  private final SurveyConfig.FollowUp settings;
  private final Map<ChannelName, TurnProcessor> turns;
  private final Clock clock;
  final RateLimiter wrongCodes = RateLimiter.perPeriod(WRONG_CODES_PER_HOUR, Duration.ofHours(1));

  /**
   * @param turns the turn processors follow-ups run on: {@code WECHAT} for a job with an OpenID, {@code SMS}
   *     for a phone-only job
   */
  public SurveyPage(SurveyStore store, Supplier<SurveyBook> books, SurveyConfig.FollowUp settings,
      Map<ChannelName, TurnProcessor> turns, Clock clock) {
    this.store = store;
    this.books = books;
    this.settings = settings;
    this.turns = Map.copyOf(turns);
    this.clock = clock;
  }

  /** The code's survey, unless the code is unknown, expired, or names a survey no longer in the files. */
  Future<Optional<Opened>> open(String code) {
    SurveyBook book = books.get();
    return store.byCode(code, clock.instant()).compose(job -> {
      Optional<Survey> survey = job.flatMap(j -> book.find(j.survey()));
      if (survey.isEmpty()) {
        return Future.succeededFuture(Optional.<Opened>empty());
      }
      return store.response(job.get().id()).map(r -> Optional.of(new Opened(job.get(), survey.get(), r)));
    });
  }

  /**
   * Keeps one answer; resolves with whether it filed the follow-up. Fails with {@link Refused}: 400 for a
   * value the question does not take (or a question not asked after the answers so far), 409 once the
   * response is complete.
   */
  Future<Boolean> answer(Opened opened, String questionId, Object value) {
    if (opened.completed()) {
      return Future.failedFuture(new Refused(409, "this survey was already submitted"));
    }
    Survey survey = opened.survey();
    Question question = survey.question(questionId == null ? "" : questionId)
        .orElseThrow(() -> new Refused(400, "no such question"));
    Map<String, Answer> before = answers(survey, opened.answers());
    if (!asked(question, before)) {
      return Future.failedFuture(new Refused(400, "this question is not asked after the answers given"));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Parsed parsed = parse(question, value, books.get().messages());
    SurveyAnswer kept = new SurveyAnswer(question.id(),
        parsed.answer() instanceof Answer.Score s ? Optional.of(s.value()) : Optional.empty(), parsed.stored(), now);
    SurveyConversation rules = rules();
    before.remove(question.id());
    boolean calledBefore = before.entrySet().stream().anyMatch(e -> survey.question(e.getKey())
        .map(q -> rules.callsForPerson(q, e.getValue(), opened.answers().get(e.getKey()).value())).orElse(false));
    boolean followUp = !calledBefore && rules.callsForPerson(question, parsed.answer(), parsed.stored());
    return store.saveAnswer(opened.job().id(), CHANNEL, kept).compose(saved -> {
      if (!saved) {
        return Future.failedFuture(new Refused(409, "this survey was already submitted"));
      }
      return followUp ? followUp(opened.job(), question, parsed, now) : Future.succeededFuture(false);
    });
  }

  /** Completes the response: true the first time, false after (one response per code). */
  Future<Boolean> submit(Opened opened) {
    if (opened.completed()) {
      return Future.succeededFuture(false);
    }
    if (opened.answers().isEmpty()) {
      return Future.failedFuture(new Refused(400, "nothing answered yet"));
    }
    return store.complete(opened.job().id(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
  }

  /** The survey's closing words for these answers, as the chat says them. */
  String closing(Opened opened) {
    Survey survey = opened.survey();
    Map<String, Answer> answers = answers(survey, opened.answers());
    return followedUp(opened) ? survey.lowScoreReply() : rules().promoter(survey, answers) ? survey.thanksPromoter()
        : survey.thanks();
  }

  /** Whether an answer kept so far called for a person (the follow-up was filed then). */
  boolean followedUp(Opened opened) {
    Survey survey = opened.survey();
    Map<String, SurveyAnswer> kept = opened.answers();
    SurveyConversation rules = rules();
    return answers(survey, kept).entrySet().stream().anyMatch(e -> survey.question(e.getKey())
        .map(q -> rules.callsForPerson(q, e.getValue(), kept.get(e.getKey()).value())).orElse(false));
  }

  /** The kept answers as the skip logic reads them (an answer the survey no longer takes is left out). */
  Map<String, Answer> answers(Survey survey, Map<String, SurveyAnswer> kept) {
    AnswerReader reader = new AnswerReader(books.get().words());
    Map<String, Answer> answers = new LinkedHashMap<>();
    kept.forEach((id, a) -> survey.question(id).flatMap(q -> answerOf(q, a, reader)).ifPresent(x -> answers.put(id, x)));
    return answers;
  }

  /** Whether the page asks this question after these answers (its askIf, if any, holds). */
  static boolean asked(Question question, Map<String, Answer> answers) {
    return question.askIf().map(c -> Optional.ofNullable(answers.get(c.question())).map(c::holdsFor).orElse(false))
        .orElse(true);
  }

  /** What the page shows for a kept answer: the score, the option, yes/no, the text. */
  static Object shown(SurveyAnswer answer) {
    return answer.score().<Object>map(s -> s).orElse(answer.value());
  }

  private SurveyConversation rules() {
    return new SurveyConversation(new AnswerReader(books.get().words()),
        new SurveyConversation.Thresholds(settings.scaleAtMost(), settings.npsAtMost(), 9));
  }

  private static Optional<Answer> answerOf(Question q, SurveyAnswer a, AnswerReader reader) {
    if (q.type().scored()) {
      return a.score().map(Answer.Score::new);
    }
    switch (q.type()) {
      case CHOICE -> {
        int index = q.options().indexOf(a.value());
        if (index >= 0) {
          return Optional.of(new Answer.Choice(index + 1, a.value()));
        }
      }
      case YES_NO -> {
        if (a.value().equals("yes") || a.value().equals("no")) {
          return Optional.of(new Answer.YesNo(a.value().equals("yes")));
        }
      }
      default -> {
        return Optional.of(new Answer.Text(a.value()));
      }
    }
    // Answered in the chat, where the reply is kept as written: read it as the chat did.
    return reader.read(q, a.value());
  }

  /** @param stored what is kept as the answer's value (empty for a score) */
  private record Parsed(Answer answer, String stored, String described) {}

  private static Parsed parse(Question question, Object value, SurveyMessages words) {
    switch (question.type()) {
      case SCALE, NPS -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          throw new Refused(400, "a score is a whole number");
        }
        long score = ((Number) value).longValue();
        if (score < question.type().min() || score > question.type().max()) {
          throw new Refused(400, "the score must be " + question.type().min() + " to " + question.type().max());
        }
        return new Parsed(new Answer.Score((int) score), "", SurveyFollowUps.scored(question, (int) score));
      }
      case CHOICE -> {
        int index = value instanceof String s ? question.options().indexOf(s) : -1;
        if (index < 0) {
          throw new Refused(400, "not one of the question's options");
        }
        String label = (String) value;
        return new Parsed(new Answer.Choice(index + 1, label), label, question.text() + " " + label);
      }
      case YES_NO -> {
        if (!"yes".equals(value) && !"no".equals(value)) {
          throw new Refused(400, "a yes/no answer is \"yes\" or \"no\"");
        }
        boolean yes = value.equals("yes");
        return new Parsed(new Answer.YesNo(yes), (String) value,
            question.text() + " " + (yes ? words.answeredYes() : words.answeredNo()));
      }
      default -> {
        String text = value instanceof String s ? s.strip() : "";
        if (text.isEmpty()) {
          throw new Refused(400, "the answer is empty");
        }
        if (text.codePointCount(0, text.length()) > MAX_TEXT) {
          throw new Refused(400, "at most " + MAX_TEXT + " characters");
        }
        return new Parsed(new Answer.Text(text), text, text);
      }
    }
  }

  /**
   * The chat's SURVEY_FOLLOWUP turn in the homeowner's conversation: a ticket for a person (level and
   * first-response time from the survey settings), the homeowner queued for an agent and told on their
   * channel where it can carry free text. Resolves with true once the turn is committed.
   */
  private Future<Boolean> followUp(SurveyJob job, Question question, Parsed parsed, Instant at) {
    Optional<ConversationKey> key = job.wechatOpenId().map(o -> new ConversationKey(ChannelName.WECHAT, o))
        .or(() -> job.phone().map(p -> new ConversationKey(ChannelName.SMS, p)));
    TurnProcessor turn = key.map(k -> turns.get(k.channel())).orElse(null);
    if (turn == null) {
      LOG.warn("survey {}: an answer calls for a person but the job has no conversation to file it in", job.id());
      return Future.succeededFuture(false);
    }
    Map<String, String> facts = SurveyFollowUps.facts(Optional.of(job), Optional.empty(), question.followUpCategory(),
        parsed.described(), settings.level(), settings.firstResponseMinutes());
    InboundMessage message = new InboundMessage(key.get(), MessageKind.SURVEY_FOLLOWUP, "", facts, at);
    return turn.handleUnprompted(message, "survey-followup:" + job.id(), Promise.promise()).map(true);
  }
}
