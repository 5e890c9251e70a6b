package com.furnishcare.intake.core;

import java.util.List;
import java.util.Optional;

/**
 * What the gateway answered to one inbound message, kept so a retry of that message gets the same
 * answer without being processed again.
 *
 * @param passive the text returned in the HTTP response, empty when the answer went out as pushes only
 * @param pushed texts sent afterwards through the channel's push API (late replies, long replies)
 */
public record RecordedReply(Optional<String> passive, List<String> pushed) {
  public RecordedReply {
    pushed = List.copyOf(pushed);
  }

  public static RecordedReply nothing() {
    return new RecordedReply(Optional.empty(), List.of());
  }
}
