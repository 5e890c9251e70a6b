package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Reply;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a button press (an option id sent by the web chat) means, given the options the last reply offered. */
final class OfferedOptions {

  /** Around a number typed as a choice ("2.", " 2 "); compiled once: this runs on every message. */
  private static final Pattern NUMBER_PUNCTUATION = Pattern.compile("[.,\\s]");

  private OfferedOptions() {}

  /**
   * The text the press stands for: among numbered choices its number (exactly what a WeChat user would
   * type), for a yes/no question its label. A stale or made-up id reads as the text sent with it.
   */
  static String pressed(String typed, String optionId, Offered offered) {
    List<Reply.Option> options = offered.options();
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).id().equals(optionId)) {
        return offered.numbered() ? Integer.toString(i + 1) : options.get(i).label();
      }
    }
    return typed;
  }

  /**
   * The choice a bare number ("2", "2.", " 2 ") picks among numbered choices (a menu, knowledge-base
   * questions), by its place counted from 1.
   */
  static Optional<String> byNumber(String text, List<String> choices) {
    if (choices.isEmpty()) {
      return Optional.empty();
    }
    String bare = NUMBER_PUNCTUATION.matcher(text).replaceAll("");
    for (int i = 0; i < choices.size(); i++) {
      if (bare.equals(Integer.toString(i + 1))) {
        return Optional.of(choices.get(i));
      }
    }
    return Optional.empty();
  }

  /** The options of the last reply that offered any, and whether they were numbered. */
  record Offered(List<Reply.Option> options, boolean numbered) {
    static final Offered NONE = new Offered(List.of(), false);

    Offered {
      options = List.copyOf(options);
    }

    static Offered of(Reply reply) {
      return new Offered(reply.options(), reply.kind() != Reply.Kind.CONFIRM);
    }
  }
}
