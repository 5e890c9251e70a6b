package com.furnishcare.intake.core;

import java.util.List;
import java.util.Map;

/**
 * One thing the bot says, as data: its text, what it offers to pick, and what kind of thing it is. The
 * engine produces these; each channel renders them its own way (numbered lines on WeChat and SMS,
 * buttons in the web chat), so no channel has to read options back out of the text.
 *
 * @param kind what the reply is, so a channel can show it fittingly
 * @param text what is said, without the options
 * @param options the answers offered, in order; an answer may be the option's number, its label or,
 *     from a button, its id
 * @param fields facts a channel may show apart from the text (a ticket card's ticket id, level, due time)
 */
public record Reply(Kind kind, String text, List<Option> options, Map<String, String> fields) {

  public enum Kind {
    /** Said, nothing to pick. */
    TEXT,
    /** Pick one of the options (a menu, knowledge-base questions, problem types). */
    CHOICES,
    /** A yes/no question; its options are the yes and the no answers. */
    CONFIRM,
    /** A ticket was filed or changed; {@code fields} carry it. */
    TICKET,
    /** A photo the homeowner sent; {@code fields} carry its {@code photoId} and {@code url}. */
    PHOTO;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind fromWire(String name) {
      for (Kind kind : values()) {
        if (kind.wireName().equals(name)) {
          return kind;
        }
      }
      return TEXT; // a kind this version does not know is still readable as text
    }
  }

  /** One answer offered: {@code id} is what picking it means, {@code label} what the homeowner reads. */
  public record Option(String id, String label) {}

  public Reply {
    options = List.copyOf(options);
    fields = Map.copyOf(fields);
  }

  public static Reply text(String text) {
    return new Reply(Kind.TEXT, text, List.of(), Map.of());
  }

  public static Reply choices(String text, List<Option> options) {
    return new Reply(options.isEmpty() ? Kind.TEXT : Kind.CHOICES, text, options, Map.of());
  }

  /** The same reply with {@code before} put in front of its text ("已记下：…", "回到刚才的问题："). */
  public Reply prefixed(String before) {
    return before.isEmpty() ? this : new Reply(kind, before + text, options, fields);
  }

  /**
   * As one plain text, for channels without buttons: the text, then the options numbered ("1. 投诉", one
   * per line; a long menu of short labels four to a line, "1.色差  2.尺寸不符", to stay short in an SMS).
   * A yes/no question names its answers in its text already, so they are not numbered.
   */
  public String plainText() {
    if (options.isEmpty() || kind == Kind.CONFIRM) {
      return text;
    }
    boolean compact = options.size() > COMPACT_FROM && options.stream().allMatch(o -> o.label().length() <= 8);
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < options.size(); i++) {
      String separator = !compact || i % 4 == 0 ? "\n" : "  ";
      out.append(out.length() == 0 ? "" : separator).append(i + 1).append(compact ? "." : ". ")
          .append(options.get(i).label());
    }
    return out.toString();
  }

  /** More options than this, all short, are laid out four to a line. */
  private static final int COMPACT_FROM = 6;
}
