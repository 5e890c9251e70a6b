package com.furnishcare.intake.config;

import com.furnishcare.intake.survey.dispatch.QuietHours;
import java.time.Duration;
import java.util.Optional;

/**
 * How surveys go out.
 *
 * @param minInterval at most one survey per homeowner (phone or WeChat account) within this; zero = no limit
 * @param quietHours when nothing is pushed, China time; empty = any time
 * @param ratePerSecond most surveys handed to the providers per second (per process)
 * @param codeLifetime how long a survey page code stays valid
 * @param wechatTemplateId the template message inviting a WeChat follower (needs API access and publicUrl)
 * @param smsTemplateId the SMS template whose one variable is the page code (needs SMS_PROVIDER=tencent)
 * @param publicUrl the gateway's address as homeowners reach it ({@code https://service.brand.com}), for links
 * @param followUp when an answer calls for a person and how the follow-up ticket is graded
 */
public record SurveyConfig(Duration minInterval, Optional<QuietHours> quietHours, int ratePerSecond,
    Duration codeLifetime, Optional<String> wechatTemplateId, Optional<String> smsTemplateId,
    Optional<String> publicUrl, FollowUp followUp) {

  /**
   * @param scaleAtMost a 1-5 answer at or below this calls for a person
   * @param npsAtMost a 0-10 recommendation at or below this calls for a person
   * @param level the follow-up ticket's level
   * @param firstResponseMinutes how soon a person must call
   */
  public record FollowUp(int scaleAtMost, int npsAtMost, int level, int firstResponseMinutes) {}
}
