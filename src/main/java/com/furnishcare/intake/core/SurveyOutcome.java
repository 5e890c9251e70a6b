package com.furnishcare.intake.core;

import java.util.Optional;

/**
 * What became of a survey job: the last word on it, recorded once.
 *
 * @param channel the channel used or tried ({@code wechat}, {@code sms}), for sent and refused
 * @param code the provider's error code, for refused (WeChat's errcode, Tencent's error code)
 * @param message the provider's message, for refused
 */
public record SurveyOutcome(Kind kind, Optional<String> channel, Optional<String> code, Optional<String> message) {

  public enum Kind {
    /** Handed to the provider on {@code channel}. */
    SENT,
    /** The provider said no ({@code code}, {@code message}) and no other channel took it. */
    REFUSED,
    /** The job has no contact any configured channel can reach. */
    NO_CHANNEL,
    /** The homeowner unsubscribed (退订 / TD / 拒收). */
    OPTED_OUT,
    /** Skipped: the homeowner was surveyed within the configured period. */
    HELD,
    /** Not sent in time: a survey this late is no longer asked. */
    EXPIRED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind fromWire(String raw) {
      return valueOf(raw.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public static SurveyOutcome sent(String channel) {
    return new SurveyOutcome(Kind.SENT, Optional.of(channel), Optional.empty(), Optional.empty());
  }

  public static SurveyOutcome refused(String channel, String code, String message) {
    return new SurveyOutcome(Kind.REFUSED, Optional.of(channel), Optional.of(code), Optional.ofNullable(message));
  }

  public static SurveyOutcome of(Kind kind) {
    return new SurveyOutcome(kind, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean sent() {
    return kind == Kind.SENT;
  }
}
