package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits replies to a channel's messages. Cuts to the size limit, counted in UTF-8 bytes (WeChat's passive
 * and customer-service text limit is about 2048 bytes; a Chinese character takes 3), preferring a line
 * break, then a sentence end, never inside a character. For channels where each message costs (WeChat
 * answers one message passively, the rest are API pushes), consecutive replies that fit together are
 * merged into one message, separated by a blank line.
 *
 * <p>Replies kept as data ({@link #pieces}) are only cut, never merged: a channel that renders them
 * itself shows each one apart.
 */
public final class ReplyShaper {

  private static final String SEPARATOR = "\n\n";

  private final int maxBytes;
  private final boolean merge;

  public ReplyShaper(int maxBytes, boolean merge) {
    if (maxBytes < 16) {
      throw new IllegalArgumentException("maxBytes too small: " + maxBytes);
    }
    this.maxBytes = maxBytes;
    this.merge = merge;
  }

  public List<String> shape(List<String> replies) {
    List<String> parts = new ArrayList<>();
    for (String reply : replies) {
      split(reply, parts);
    }
    return merge ? merged(parts) : parts;
  }

  /**
   * The replies cut to the size limit by their text. The pieces before the last are plain text; the last
   * keeps the reply's kind, options and fields, so the choices come after everything they follow from.
   */
  public List<Reply> pieces(List<Reply> replies) {
    List<Reply> out = new ArrayList<>();
    for (Reply reply : replies) {
      if (utf8Length(reply.text()) <= maxBytes) {
        out.add(reply);
        continue;
      }
      List<String> texts = new ArrayList<>();
      split(reply.text(), texts);
      for (int i = 0; i < texts.size() - 1; i++) {
        out.add(Reply.text(texts.get(i)));
      }
      out.add(new Reply(reply.kind(), texts.get(texts.size() - 1), reply.options(), reply.fields()));
    }
    return out;
  }

  private List<String> merged(List<String> parts) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String part : parts) {
      if (current.length() > 0 && utf8Length(current + SEPARATOR + part) <= maxBytes) {
        current.append(SEPARATOR).append(part);
      } else {
        if (current.length() > 0) {
          out.add(current.toString());
        }
        current = new StringBuilder(part);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private void split(String text, List<String> out) {
    String rest = text;
    while (utf8Length(rest) > maxBytes) {
      int cut = lastFittingIndex(rest);
      int preferred = preferredCut(rest, cut);
      out.add(rest.substring(0, preferred).stripTrailing());
      rest = rest.substring(preferred).stripLeading();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
  }

  /** The largest char index such that rest[0, index) fits, never inside a surrogate pair. */
  private int lastFittingIndex(String text) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int preferredCut(String text, int limit) {
    int floor = limit / 2; // do not make tiny pieces just to cut at a nice place
    int newline = text.lastIndexOf('\n', limit - 1);
    if (newline >= floor) {
      return newline + 1;
    }
    for (int i = limit - 1; i >= floor; i--) {
      char c = text.charAt(i);
      if (c == '。' || c == '！' || c == '？' || c == '；' || c == '.' || c == '!' || c == '?') {
        return i + 1;
      }
    }
    return limit;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
