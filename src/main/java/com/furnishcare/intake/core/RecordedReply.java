package com.furnishcare.intake.core;

import java.util.List;

/**
 * What the gateway answered to one inbound message, kept so a retry of that message gets the same
 * answer without being processed again.
 *
 * @param passive the texts returned in the HTTP response (WeChat takes at most one), empty when the
 *     answer went out as pushes only
 * @param pushed texts sent afterwards through the channel's push API (late replies, long replies)
 */
public record RecordedReply(List<String> passive, List<String> pushed) {
  public RecordedReply {
    passive = List.copyOf(passive);
    pushed = List.copyOf(pushed);
  }

  public static RecordedReply nothing() {
    return new RecordedReply(List.of(), List.of());
  }
}
