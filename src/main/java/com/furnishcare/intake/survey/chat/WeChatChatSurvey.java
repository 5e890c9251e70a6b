package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.survey.dispatch.SurveyDelivery;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A survey asked in the WeChat chat itself, for a follower who wrote to us within WeChat's 48-hour window:
 * a turn of their conversation opens it (intro and first question pushed as customer-service messages),
 * and their replies are its answers. Outside the window, or when WeChat refuses, the next way (the
 * template message) takes over.
 */
public final class WeChatChatSurvey implements SurveyDelivery {

  static final String CHANNEL = "wechat-chat";
  /** A little inside WeChat's 48 hours: the session's last change is not always the follower's own message. */
  private static final Duration WINDOW = Duration.ofHours(47);

  private final SessionStore sessions;
  private final TurnProcessor wechat;
  private final Clock clock;

  public WeChatChatSurvey(SessionStore sessions, TurnProcessor wechat, Clock clock) {
    this.sessions = sessions;
    this.wechat = wechat;
    this.clock = clock;
  }

  @Override
  public Future<SurveyOutcome> deliver(SurveyJob job, String code) {
    if (job.wechatOpenId().isEmpty()) {
      return Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
    }
    ConversationKey key = new ConversationKey(ChannelName.WECHAT, job.wechatOpenId().get());
    return sessions.load(key).compose(session -> {
      boolean recent = session.map(s -> s.updatedAt().isAfter(clock.instant().minus(WINDOW))).orElse(false);
      if (!recent) {
        return Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
      }
      InboundMessage start = new InboundMessage(key, MessageKind.SURVEY_START, "",
          Map.of("jobId", job.eventId(), "survey", job.survey()), clock.instant());
      Promise<Boolean> reached = Promise.promise();
      return wechat.handleUnprompted(start, "survey-start:" + job.eventId(), reached)
          .compose(committed -> reached.future())
          .map(told -> told ? SurveyOutcome.sent(CHANNEL) : SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
    });
  }
}
