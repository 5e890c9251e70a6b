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

  /**
   * Where the conversation's entries live in the {@link ChatLog}: a web chat's own id (its page reads
   * them from there), else the key itself. Agents read every channel's conversation the same way.
   */
  public String transcriptId() {
    return channel == ChannelName.WEBCHAT ? userId : asString();
  }

  /** The key whose {@link #transcriptId()} is {@code id}. */
  public static ConversationKey ofTranscriptId(String id) {
    for (ChannelName name : ChannelName.values()) {
      if (name != ChannelName.WEBCHAT && id.startsWith(name.wireName() + ":")) {
        return new ConversationKey(name, id.substring(name.wireName().length() + 1));
      }
    }
    return new ConversationKey(ChannelName.WEBCHAT, id);
  }
}
