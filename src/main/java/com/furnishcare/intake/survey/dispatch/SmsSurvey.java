package com.furnishcare.intake.survey.dispatch;

import com.furnishcare.intake.core.SmsSender;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import io.vertx.core.Future;
import java.util.List;

/**
 * The survey invitation by SMS ({@code SURVEY_SMS_TEMPLATE_ID}): the template's one variable is the page
 * code (6 characters, the most a Tencent template variable holds); the link's prefix
 * ({@code https://service.brand.com/s/}) is fixed in the approved template's text.
 */
public final class SmsSurvey implements SurveyDelivery {

  static final String CHANNEL = "sms";

  private final SmsSender sms;
  private final String templateId;

  public SmsSurvey(SmsSender sms, String templateId) {
    this.sms = sms;
    this.templateId = templateId;
  }

  @Override
  public Future<SurveyOutcome> deliver(SurveyJob job, String code) {
    if (job.phone().isEmpty()) {
      return Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
    }
    return sms.send(job.phone().get(), templateId, List.of(code))
        .map(sent -> SurveyOutcome.sent(CHANNEL))
        .recover(err -> err instanceof SmsSender.Rejected rejected
            ? Future.succeededFuture(SurveyOutcome.refused(CHANNEL, rejected.code(), rejected.getMessage()))
            : Future.failedFuture(err));
  }
}
