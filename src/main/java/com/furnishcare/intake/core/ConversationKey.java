package com.furnishcare.intake.core;

import java.util.Objects;

/** One homeowner on one channel: a WeChat OpenID, a phone number for SMS, a web chat id. */
public record ConversationKey(ChannelName channel, String userId) {
  public ConversationKey {
    Objects.requireNonNull(channel, "channel");
    if (userId == null || userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
  }

  /** Stable text form used as a storage key. */
  public String asString() {
    return channel.wireName() + ":" + userId;
  }
}
