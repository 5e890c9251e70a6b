package com.furnishcare.intake.web;

import com.furnishcare.intake.core.InboundMessage;
import java.util.Map;
import java.util.Optional;

/**
 * What a homeowner's message may carry, on the JSON API and the page's socket alike: text, a pressed
 * option's id, or both.
 */
final class ChatMessageInput {

  private ChatMessageInput() {}

  /** Why the pair is refused, or empty when it is a message. */
  static Optional<String> refusal(Object text, Object option) {
    if (option != null && !(option instanceof String o && ChatRoutes.OPTION.matcher(o).matches())) {
      return Optional.of(
          "option, when given, must be the id of an offered option: 1-64 letters, digits, '_', '.', ':' or '-'");
    }
    if ((text != null || option == null)
        && !(text instanceof String t && !t.isBlank() && t.length() <= ChatRoutes.MAX_TEXT)) {
      return Optional.of("text must be a non-empty string of at most " + ChatRoutes.MAX_TEXT
          + " characters (it may be left out when an option is sent)");
    }
    return Optional.empty();
  }

  /** A pressed button reaches the engine as the message's option attribute (the engine reads its meaning). */
  static Map<String, String> attributes(Object option) {
    return option == null ? Map.of() : Map.of(InboundMessage.OPTION, (String) option);
  }
}
