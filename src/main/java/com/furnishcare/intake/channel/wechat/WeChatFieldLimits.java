package com.furnishcare.intake.channel.wechat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Upper bounds on the fields of an inbound message, in UTF-8 bytes (WeChat states its own limits in
 * bytes). The openid becomes a session key and is stored with every ticket, so a 30 KB
 * {@code FromUserName} must be refused, not remembered. Every bound sits well above what WeChat
 * sends, because a refused real message is retried by WeChat and then lost.
 */
final class WeChatFieldLimits {

  /** A field is longer than any message from WeChat would have it. */
  static final class TooLong extends Exception {
    TooLong(String message) {
      super(message);
    }
  }

  /** Openids are 28 characters and account ids (gh_…) 15; 64 leaves room without admitting junk. */
  static final int ID_BYTES = 64;
  /**
   * WeChat cuts a text message at 2048 bytes (measured; the docs name no number), and kefu/passive
   * text has the same limit. Twice that leaves headroom should WeChat ever pass longer text on.
   */
  static final int TEXT_BYTES = 4096;
  /** Menu keys (128 bytes), VIEW URLs (1024 bytes), media ids, picture URLs. */
  static final int REFERENCE_BYTES = 1024;
  /** Names and numbers: MsgType, Event, MsgId, CreateTime, … */
  static final int SHORT_BYTES = 64;
  /** Anything else WeChat sends (card, invoice, job reports, nested list items). */
  static final int OTHER_BYTES = 2048;

  private static final Map<String, Integer> LIMITS = Map.ofEntries(
      Map.entry("FromUserName", ID_BYTES),
      Map.entry("ToUserName", ID_BYTES),
      Map.entry("MsgType", SHORT_BYTES),
      Map.entry("Event", SHORT_BYTES),
      Map.entry("MsgId", SHORT_BYTES),
      Map.entry("MsgID", SHORT_BYTES),
      Map.entry("CreateTime", SHORT_BYTES),
      Map.entry("Content", TEXT_BYTES),
      Map.entry("Recognition", TEXT_BYTES),
      Map.entry("EventKey", REFERENCE_BYTES),
      Map.entry("MediaId", REFERENCE_BYTES),
      Map.entry("PicUrl", REFERENCE_BYTES),
      Map.entry("Url", REFERENCE_BYTES));

  private WeChatFieldLimits() {}

  /** Throws naming the first field over its bound (the name, never the value, goes back to the caller). */
  static void check(Map<String, String> fields) throws TooLong {
    for (Map.Entry<String, String> field : fields.entrySet()) {
      int limit = LIMITS.getOrDefault(field.getKey(), OTHER_BYTES);
      String value = field.getValue();
      // Cheap test first: a string of n chars has at least n UTF-8 bytes.
      if (value.length() > limit || value.getBytes(StandardCharsets.UTF_8).length > limit) {
        throw new TooLong(field.getKey() + " is longer than " + limit + " bytes");
      }
    }
  }
}
