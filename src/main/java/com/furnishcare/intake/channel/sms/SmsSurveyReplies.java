package com.furnishcare.intake.channel.sms;

import com.furnishcare.intake.chat.SmsChatStart;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.PersonalData;
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
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS replies meant for a survey. "退订 / TD / 拒收" (the survey book's words) stops surveys to that number for
 * good; nothing is sent back, because an SMS in China goes out only as an approved template and none is
 * configured for this acknowledgement. A bare number while the phone has a survey invitation sent by SMS in
 * the last {@link #ANSWER_WINDOW} whose first score question ({@link Survey#digitQuestion}) is still
 * unanswered is that answer (the invitation asks for a one-digit score): saved like any answer, channel {@code sms}. An answer that calls for a
 * person (low score, lukewarm) runs the same SURVEY_FOLLOWUP turn as in the chat — a ticket for an agent,
 * the homeowner queued — in the phone's web chat (the one its SMS link opens, opened if none, and the link
 * sent once, so they can read the reply); with no chat links configured, in a web chat of its own that only
 * the agents see (the ticket carries the phone, and the agent calls). The rest of the survey stays on the
 * page the invitation's code opens: an SMS cannot ask the next question.
 */
public final class SmsSurveyReplies {

  private static final Logger LOG = LoggerFactory.getLogger(SmsSurveyReplies.class);
  /** As long as the invitation's page code lives by default. */
  static final Duration ANSWER_WINDOW = Duration.ofDays(7);
  private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");

  /** How a follow-up ticket is graded (SURVEY_FOLLOWUP_LEVEL, SURVEY_FOLLOWUP_MINUTES). */
  public record FollowUp(int level, int firstResponseMinutes, SurveyConversation.Thresholds thresholds) {}

  private final SurveyStore store;
  private final Supplier<SurveyBook> books;
  private final FollowUp followUp;
  private final TurnProcessor webchat;
  private final Optional<SmsChatStart> chats;
  private final Clock clock;

  public SmsSurveyReplies(SurveyStore store, Supplier<SurveyBook> books, FollowUp followUp, TurnProcessor webchat,
      Optional<SmsChatStart> chats, Clock clock) {
    this.store = store;
    this.books = books;
    this.followUp = followUp;
    this.webchat = webchat;
    this.chats = chats;
    this.clock = clock;
  }

  /** Whether the text is an opt-out word (退订 / TD / 拒收). */
  boolean optsOut(String text) {
    return new AnswerReader(books.get().words()).optOut(text.strip());
  }

  /** No survey to this number ever again. */
  Future<Void> optOut(String mobile) {
    LOG.info("{} opted out of surveys by SMS", PersonalData.mask(mobile));
    return store.optOut(SurveyJob.phoneContact(mobile), clock.instant());
  }

  /**
   * Saves a bare number as the answer to the first question of the phone's SMS survey, when it is one;
   * resolves with whether it was (false: the reply is for the other routes).
   */
  Future<Boolean> answer(String mobile, String text, String messageKey) {
    String digits = halfWidth(text.strip());
    if (!NUMBER.matcher(digits).matches()) {
      return Future.succeededFuture(false);
    }
    Instant now = clock.instant();
    return store.lastSentBySms(mobile, now.minus(ANSWER_WINDOW)).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(false);
      }
      SurveyJob job = found.get();
      SurveyBook book = books.get();
      if (book.find(job.survey()).isEmpty()) {
        return Future.succeededFuture(false);
      }
      Optional<Question> digitQuestion = book.survey(job.survey()).digitQuestion();
      if (digitQuestion.isEmpty()) {
        return Future.succeededFuture(false); // a survey without a score: no digit answers it
      }
      SurveyConversation survey = new SurveyConversation(new AnswerReader(book.words()), followUp.thresholds());
      SurveyConversation.Progress first = new SurveyConversation.Progress(job.id(), job.survey(),
          digitQuestion.get().id(), 1, Map.of(), false);
      return store.response(job.id()).compose(response -> {
        if (response.map(r -> answered(r, first.questionId())).orElse(false)) {
          return Future.succeededFuture(false); // answered already: the digit means something else now
        }
        SurveyConversation.Step step = survey.reply(book, first, digits);
        Optional<SurveyConversation.Answered> answered = step.answered()
            .filter(a -> a.questionId().equals(first.questionId()));
        if (answered.isEmpty()) {
          return Future.succeededFuture(false); // not an answer to that question (out of its range)
        }
        SurveyConversation.Answered a = answered.get();
        SurveyAnswer saved = new SurveyAnswer(a.questionId(),
            a.answer() instanceof Answer.Score s ? Optional.of(s.value()) : Optional.empty(), a.reply(), now);
        return store.saveAnswer(job.id(), ChannelName.SMS.wireName(), saved).compose(kept -> {
          if (!kept || step.followUp().isEmpty()) {
            return Future.succeededFuture(kept);
          }
          // A bare digit says nothing in a ticket: the question it answers goes with it.
          String described = SurveyFollowUps.described(book.survey(job.survey()).question(a.questionId()),
              Optional.of(a.answer()), a.reply());
          return fileFollowUp(mobile, job, step.followUp().get().category(), described, messageKey).map(true);
        });
      });
    });
  }

  private static boolean answered(SurveyResponse response, String questionId) {
    return response.completedAt().isPresent()
        || response.answers().stream().anyMatch(a -> a.questionId().equals(questionId));
  }

  private Future<Void> fileFollowUp(String mobile, SurveyJob job, String category, String description,
      String messageKey) {
    Map<String, String> facts = SurveyFollowUps.facts(Optional.of(job), Optional.of(mobile), category,
        description, followUp.level(), followUp.firstResponseMinutes());
    Instant now = clock.instant();
    String key = messageKey + ":survey-followup";
    if (chats.isPresent()) {
      return chats.get().unprompted(mobile, conversationId -> turn(conversationId, facts, now, key)).mapEmpty();
    }
    return turn(unlinkedConversation(mobile), facts, now, key);
  }

  private Future<Void> turn(String conversationId, Map<String, String> facts, Instant now, String key) {
    InboundMessage message = new InboundMessage(new ConversationKey(ChannelName.WEBCHAT, conversationId),
        MessageKind.SURVEY_FOLLOWUP, "", facts, now);
    return webchat.handleUnprompted(message, key, Promise.promise());
  }

  /** A web chat for the phone's follow-ups when no SMS link can open one: named from the number, not by it. */
  static String unlinkedConversation(String mobile) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(("survey-sms\n" + mobile)
          .getBytes(StandardCharsets.UTF_8));
      return "sms-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Full-width digits (phone keyboards in Chinese mode) as ASCII. */
  private static String halfWidth(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(c >= '０' && c <= '９' ? c - '０' + '0' : c));
    return out.toString();
  }
}
