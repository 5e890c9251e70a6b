package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message from a homeowner, already verified and translated by its channel.
 *
 * @param text what the user said: the text, a voice message's recognition, a menu key, a location label
 * @param attributes channel facts worth keeping (MediaId, PicUrl, coordinates, link URL, raw type)
 */
public record InboundMessage(
    ConversationKey from,
    MessageKind kind,
    String text,
    Map<String, String> attributes,
    Instant receivedAt) {

  /** The attribute holding the id of the option a homeowner picked by pressing its button (web chat). */
  public static final String OPTION = "option";

  /**
   * The attribute holding the sender's mobile number when the channel vouches for it (an SMS: the carrier
   * does), so an intake need not ask for it. Only the gateway sets it; web clients cannot.
   */
  public static final String VERIFIED_MOBILE = "verifiedMobile";

  public InboundMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(kind, "kind");
    text = text == null ? "" : text;
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public String attribute(String name) {
    return attributes.getOrDefault(name, "");
  }
}
