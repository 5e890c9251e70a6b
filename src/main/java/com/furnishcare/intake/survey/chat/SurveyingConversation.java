package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.dialog.Conversation;
import com.furnishcare.intake.dialog.DialogContext;
import com.furnishcare.intake.dialog.DialogEngine;
import com.furnishcare.intake.dialog.Turn;
import com.furnishcare.intake.survey.AnswerReader;
import com.furnishcare.intake.survey.SurveyFollowUps;
import com.furnishcare.intake.survey.SurveyConversation;
import com.furnishcare.intake.survey.SurveyConversation.Outcome;
import com.furnishcare.intake.survey.SurveyConversation.Progress;
import com.furnishcare.intake.survey.SurveyConversation.Step;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The conversation with a survey in it: while a survey runs, the homeowner's replies are its answers
 * (written down as they come); a low or lukewarm answer also runs a follow-up turn of the dialog engine
 * (a ticket for a person, the homeowner handed over and told); a complaint ends the survey and goes to the
 * engine as said; "退订" ends surveys for good. Without a survey running, the engine answers as always.
 */
public final class SurveyingConversation implements Conversation {

  /** How a follow-up ticket is graded: its level and how soon a person must call. */
  public record FollowUpSettings(int level, int firstResponseMinutes, SurveyConversation.Thresholds thresholds) {}

  private final Conversation engine;
  private final Supplier<SurveyBook> books;
  private final SurveyRecorder recorder;
  private final FollowUpSettings settings;
  /** The reader of the book last used: built again only when the survey files were reloaded. */
  private volatile ReaderOfBook current;

  private record ReaderOfBook(SurveyBook book, AnswerReader reader) {}

  public SurveyingConversation(Conversation engine, Supplier<SurveyBook> books, SurveyRecorder recorder,
      FollowUpSettings settings) {
    this.engine = engine;
    this.books = books;
    this.recorder = recorder;
    this.settings = settings;
  }

  @Override
  public Turn respond(Session session, InboundMessage message, DialogContext context) {
    SurveyBook book = books.get();
    AnswerReader reader = reader(book);
    SurveyConversation surveys = new SurveyConversation(reader, settings.thresholds());
    if (message.kind() == MessageKind.SURVEY_START) {
      String survey = message.attribute("survey");
      if (book.find(survey).isEmpty()) {
        return new Turn(session, List.of());
      }
      Step opening = surveys.start(book, message.attribute("jobId"), survey);
      return decided(SurveyProgressCodec.write(session, opening.progress(), context.now()), texts(opening.say()));
    }
    Optional<Progress> progress = SurveyProgressCodec.read(session, book::find);
    boolean answers = message.kind() == MessageKind.TEXT || message.kind() == MessageKind.VOICE;
    if (progress.isEmpty() && answers) {
      Optional<String> contact = contact(message);
      if (contact.isPresent() && reader.optOut(message.text().strip())) {
        // 退订 / TD / 拒收 without a survey running: the same for good, and the same words back.
        recorder.optedOut(contact.get(), context.now());
        return decided(session, texts(List.of(book.messages().optedOut())));
      }
    }
    if (progress.isEmpty() || !answers) {
      return engine.respond(session, message, context);
    }
    Progress now = progress.get();
    Step step = surveys.reply(book, now, message.text());
    String channel = message.from().channel().wireName();
    step.answered().ifPresent(a -> recorder.answered(now.jobId(), channel, new SurveyAnswer(a.questionId(),
        a.answer() instanceof Answer.Score s ? Optional.of(s.value()) : Optional.empty(), a.reply(), context.now())));
    if (step.outcome() == Outcome.COMPLETED) {
      recorder.completed(now.jobId(), context.now());
    } else if (step.outcome() == Outcome.OPTED_OUT) {
      // The account or phone the survey was sent to: a web chat's own id is no contact.
      contact(message).or(() -> recorder.job(now.jobId()).flatMap(SurveyJob::phone).map(SurveyJob::phoneContact))
          .ifPresent(who -> recorder.optedOut(who, context.now()));
    }
    Session after = SurveyProgressCodec.write(session, step.progress(), context.now());
    if (step.outcome() == Outcome.ENDED_FOR_COMPLAINT) {
      // The survey gives way to the complaint: the engine hears it as said.
      Turn intake = engine.respond(after, message, context);
      return combine(texts(step.say()), intake, List.of());
    }
    if (step.followUp().isPresent()) {
      Optional<SurveyJob> job = recorder.job(now.jobId());
      SurveyConversation.FollowUp wanted = step.followUp().get();
      String described = SurveyFollowUps.described(book.survey(now.surveyId()).question(wanted.questionId()),
          step.answered().filter(a -> a.questionId().equals(wanted.questionId())).map(a -> a.answer()),
          wanted.reply());
      Map<String, String> facts = SurveyFollowUps.facts(job, Optional.empty(), wanted.category(), described,
          settings.level(), settings.firstResponseMinutes());
      InboundMessage followUp = new InboundMessage(message.from(), MessageKind.SURVEY_FOLLOWUP, "", facts,
          message.receivedAt());
      Turn filed = engine.respond(after, followUp, context);
      // The follow-up notice first, then the survey's next words.
      return combine(List.of(), filed, texts(step.say()));
    }
    return decided(after, texts(step.say()));
  }

  /**
   * Who a surveys opt-out is for: a WeChat follower's account; a web chat's mobile number when the gateway
   * knows it (the chat was started by SMS). A web chat without one has nobody to opt out.
   */
  private static Optional<String> contact(InboundMessage message) {
    if (message.from().channel() == ChannelName.WECHAT) {
      return Optional.of(SurveyJob.wechatContact(message.from().userId()));
    }
    String mobile = message.attribute(InboundMessage.VERIFIED_MOBILE);
    return mobile.isEmpty() ? Optional.empty() : Optional.of(SurveyJob.phoneContact(mobile));
  }

  private AnswerReader reader(SurveyBook book) {
    ReaderOfBook known = current;
    if (known == null || known.book() != book) {
      known = new ReaderOfBook(book, new AnswerReader(book.words()));
      current = known;
    }
    return known.reader();
  }

  /** A turn the survey decided: whether a person is awaited stays as the engine last left it. */
  private static Turn decided(Session session, List<Reply> replies) {
    return new Turn(session, replies, List.of(), List.of(), DialogEngine.waitingForAgent(session));
  }

  private static Turn combine(List<Reply> before, Turn turn, List<Reply> afterwards) {
    List<Reply> replies = new ArrayList<>(before);
    replies.addAll(turn.replies());
    replies.addAll(afterwards);
    List<Ticket> created = turn.newTickets();
    return new Turn(turn.session(), replies, created, turn.changedTickets(), turn.waitingForAgent());
  }

  private static List<Reply> texts(List<String> said) {
    return said.stream().map(Reply::text).toList();
  }
}
