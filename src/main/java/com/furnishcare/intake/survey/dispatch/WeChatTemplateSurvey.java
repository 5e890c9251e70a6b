package com.furnishcare.intake.survey.dispatch;

import com.furnishcare.intake.channel.wechat.WxJavaPushSender;
import com.furnishcare.intake.core.PushSender;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import io.vertx.core.Future;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The survey invitation as a WeChat template message ({@code SURVEY_WECHAT_TEMPLATE_ID}), which reaches a
 * follower outside the 48-hour window; tapping it opens the survey page {@code GATEWAY_PUBLIC_URL/s/{code}}.
 * The template's fields: {@code first} (the invitation), {@code keyword1} (order number), {@code keyword2}
 * (the service), {@code keyword3} (the service date), {@code remark} (what to do).
 */
public final class WeChatTemplateSurvey implements SurveyDelivery {

  static final String CHANNEL = "wechat";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));

  private final WxJavaPushSender sender;
  private final String templateId;
  private final String publicUrl;
  private final Function<String, Invitation> invitations;

  /**
   * The words of a survey's invitation, from the survey files ({@code dialogs/surveys/}): its title, the
   * opening line and the closing remark.
   */
  public record Invitation(String title, String first, String remark) {}

  /** @param invitations a survey id's invitation words */
  public WeChatTemplateSurvey(WxJavaPushSender sender, String templateId, String publicUrl,
      Function<String, Invitation> invitations) {
    this.sender = sender;
    this.templateId = templateId;
    this.publicUrl = publicUrl;
    this.invitations = invitations;
  }

  @Override
  public Future<SurveyOutcome> deliver(SurveyJob job, String code) {
    if (job.wechatOpenId().isEmpty()) {
      return Future.succeededFuture(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL));
    }
    Invitation words = invitations.apply(job.survey());
    Map<String, String> data = new LinkedHashMap<>();
    data.put("first", words.first());
    data.put("keyword1", job.orderNo());
    data.put("keyword2", words.title());
    data.put("keyword3", DAY.format(job.serviceAt()));
    data.put("remark", words.remark());
    return sender.pushTemplate(job.wechatOpenId().get(), templateId, data, url(code))
        .map(sent -> SurveyOutcome.sent(CHANNEL))
        .recover(err -> err instanceof PushSender.PushRejected rejected
            ? Future.succeededFuture(SurveyOutcome.refused(CHANNEL, Integer.toString(rejected.code()), rejected.getMessage()))
            : Future.failedFuture(err));
  }

  String url(String code) {
    return publicUrl + "/s/" + code;
  }
}
