package com.furnishcare.intake.channel.wechat;

import java.time.Clock;

/**
 * Builds the passive text reply to a message, in the shape WeChat documents (each text field in CDATA).
 *
 * <p>Written here rather than with WxJava's reply beans: their XStream writer puts a text into CDATA as it is,
 * so a reply quoting a homeowner's own words (an address, a name) that contain {@code ]]>} ends the section
 * early and the rest is read as XML — a broken reply, or elements the homeowner wrote. Here a {@code ]]>} is
 * split across two sections and characters XML 1.0 cannot carry become U+FFFD, so WeChat reads back exactly
 * the text (WeChatReplyWriterTest reads it with our reader and with WxJava's). It also costs a fraction of
 * XStream's reflection on every reply.
 */
final class WeChatReplyWriter {

  private final Clock clock;

  WeChatReplyWriter(Clock clock) {
    this.clock = clock;
  }

  /** A text reply from the account ({@code ToUserName} of the request) to the user. */
  String text(WeChatMessage to, String content) {
    StringBuilder xml = new StringBuilder(content.length() + to.openId().length() + 200);
    xml.append("<xml><ToUserName>");
    cdata(xml, to.openId());
    xml.append("</ToUserName><FromUserName>");
    cdata(xml, to.accountId());
    xml.append("</FromUserName><CreateTime>").append(clock.millis() / 1000)
        .append("</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>");
    cdata(xml, content);
    return xml.append("</Content></xml>").toString();
  }

  /** {@code text} as CDATA that any XML parser reads back as exactly {@code text} (see the class comment). */
  static void cdata(StringBuilder out, String text) {
    out.append("<![CDATA[");
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp == '>' && i >= 2 && text.charAt(i - 1) == ']' && text.charAt(i - 2) == ']') {
        // "]]" is already out: close the section before '>' and open a new one for it.
        out.append("]]><![CDATA[>");
      } else if (allowedInXml(cp)) { // a lone surrogate half is not a code point XML allows
        out.appendCodePoint(cp);
      } else {
        out.append('\uFFFD');
      }
      i += width;
    }
    out.append("]]>");
  }

  /**
   * XML 1.0's Char production: tab, newline, carriage return and everything from U+0020 except the surrogate
   * halves (a lone one; a pair arrives here as one supplementary code point) and U+FFFE/U+FFFF.
   */
  private static boolean allowedInXml(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
