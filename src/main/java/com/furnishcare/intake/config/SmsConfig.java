package com.furnishcare.intake.config;

import java.util.Optional;

/**
 * SMS through Tencent Cloud SMS: notifications to homeowners whose own channel cannot reach them
 * (the web chat), and their replies. SMS bodies are pre-approved templates whose variables hold at
 * most 6 characters, so no free text is ever sent by SMS.
 *
 * @param apiBase scheme and host of the SMS API; the host's first label names the service in the TC3
 *     signature, so it stays sms.tencentcloudapi.com (or a regional sms.* host)
 * @param proxy an HTTP proxy for the API calls (egress proxy; tests put a local fake there)
 * @param statusTemplateId template with {1} = the day the ticket was filed, {2} = the new status
 * @param resolutionTemplateId template with {1} = the day the ticket was filed, asking "解决了吗？回复1或2";
 *     empty = the status template is used
 * @param replyToken the secret path segment of the reply callback URL; empty = replies are not accepted
 * @param replyMaxItems most replies one callback may carry; each is a conversation turn, so an
 *     unbounded batch would let one request occupy the turn machinery for minutes
 * @param chatLinkTemplateId template with {1} = the short code of a web-chat link (the URL prefix is fixed
 *     in the template); empty = an SMS that matches no ticket is acknowledged and dropped, as before
 */
public record SmsConfig(String secretId, String secretKey, String sdkAppId, String signName, String region,
    String apiBase, Optional<String> proxy, String statusTemplateId, String resolutionTemplateId, Optional<String> replyToken,
    int replyMaxItems, String chatLinkTemplateId) {

  /** Whether an SMS matching no ticket starts a web-chat conversation (and gets its link by SMS). */
  public boolean chatLinksEnabled() {
    return !chatLinkTemplateId.isEmpty();
  }

  @Override
  public String toString() {
    return "SmsConfig[sdkAppId=" + sdkAppId + ", signName=" + signName + ", region=" + region + ", apiBase=" + apiBase
        + ", statusTemplateId=" + statusTemplateId + ", resolutionTemplateId=" + resolutionTemplateId
        + ", replyMaxItems=" + replyMaxItems + ", chatLinkTemplateId=" + chatLinkTemplateId + "]";
  }
}
