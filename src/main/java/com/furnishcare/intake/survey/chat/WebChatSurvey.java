package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.SmsChatLinks;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.survey.dispatch.SurveyDelivery;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.Map;

/**
 * A survey asked in the web-chat widget, for a homeowner whose phone has a web chat (opened from an SMS
 * link) with a page open right now: the survey starts in that conversation and the page shows it live.
 */
public final class WebChatSurvey implements SurveyDelivery {

  static final String CHANNEL = "webchat";

  private final SmsChatLinks links;
  private final ChatBus pages;
  private final TurnProcessor webchat;
  private final Clock clock;

  public WebChatSurvey(SmsChatLinks links, ChatBus pages, TurnProcessor webchat, Clock clock) {
    this.links = links;
    this.pages = pages;
    this.webchat = webchat;
    this.clock = clock;
  }

  @Override
  public Future<SurveyOutcome> deliver(SurveyJob job, String code) {
    if (job.phone().isEmpty()) {
      return Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
    }
    return links.byPhone(job.phone().get()).compose(link -> link.isEmpty()
        ? Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL))
        : pages.anyoneListening(link.get().conversationId()).compose(open -> {
          if (!open) {
            return Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
          }
          ConversationKey key = new ConversationKey(ChannelName.WEBCHAT, link.get().conversationId());
          InboundMessage start = new InboundMessage(key, MessageKind.SURVEY_START, "",
              Map.of("jobId", job.eventId(), "survey", job.survey()), clock.instant());
          Promise<Boolean> shown = Promise.promise();
          return webchat.handleUnprompted(start, "survey-start:" + job.eventId(), shown)
              .compose(committed -> shown.future())
              .map(told -> told ? SurveyOutcome.sent(CHANNEL) : SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
        }));
  }
}
