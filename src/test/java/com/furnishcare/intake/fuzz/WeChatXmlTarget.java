package com.furnishcare.intake.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.furnishcare.intake.channel.wechat.SafeXmlReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * WeChat's XML as the callback reads it, from arbitrary bytes: {@link SafeXmlReader}, the field limits and
 * the message record. Every body is either a message or one of the refusals the callback answers with a
 * 400; nothing else may be thrown, nothing may take long (the per-input timeout is a hang), and a body with
 * a DOCTYPE (XXE, entity bombs) is always refused.
 */
final class WeChatXmlTarget {

  private static final SafeXmlReader XML = new SafeXmlReader();
  private static final Pattern DOCTYPE_PROLOG = Pattern.compile("^\\s*(<\\?xml[^>]*\\?>)?\\s*(<!--.*?-->\\s*)*<!DOCTYPE",
      Pattern.DOTALL);
  private static final String[] FIELDS = {"ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId",
      "MsgID", "Event", "EventKey", "MediaId", "PicUrl", "Recognition", "Format", "Label", "Location_X", "Location_Y",
      "Scale", "Title", "Url", "Description", "Status", "Encrypt", "ScanCodeInfo", "SendPicsInfo", "PicList", "item",
      "xml", "x"};
  private static final String[] VALUES = {"gh_furnish", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "1764000000", "text", "image",
      "voice", "location", "link", "event", "subscribe", "unsubscribe", "CLICK", "SCAN", "TEMPLATESENDJOBFINISH",
      "qrscene_123", "qrscene_", "", "-1", "99999999999999999999", "1e3", "TEXT", "Event"};
  private static final String[] MARKUP = {"<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>",
      "<!DOCTYPE xml SYSTEM \"file:///etc/passwd\">", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<!-- c -->", "<?pi data?>", "&amp;",
      "&lt;", "&#60;", "&#x0;", "&#xD800;", "&#1114112;", "&e;", "&#x1F600;", "<![CDATA[", "]]>", "</", "/>", "<a:b>",
      "xmlns:a=\"u\"", " a=\"1\"", " a='&lt;'", "\u0000", "\uFEFF", "\uD800"};

  private WeChatXmlTarget() {}

  static void run(FuzzedDataProvider data) {
    String body = switch (data.consumeInt(0, 2)) {
      case 0 -> new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8); // as ctx.body().asString("UTF-8")
      case 1 -> data.consumeRemainingAsString();
      default -> message(data);
    };
    check(body);
  }

  /** Plausible WeChat XML with fuzzed names, values, nesting and markup, to get past the parser's first error. */
  static String message(FuzzedDataProvider data) {
    StringBuilder xml = new StringBuilder();
    if (data.consumeBoolean()) {
      xml.append(data.pickValue(MARKUP));
    }
    xml.append("<xml>");
    int depth = 1;
    int parts = data.consumeInt(0, 40);
    for (int i = 0; i < parts && data.remainingBytes() > 0; i++) {
      switch (data.consumeInt(0, 9)) {
        case 0 -> {
          xml.append('<').append(data.pickValue(FIELDS)).append('>');
          depth++;
        }
        case 1 -> {
          if (depth > 1) {
            xml.append("</x>");
            depth--;
          }
        }
        case 2 -> xml.append(data.pickValue(MARKUP));
        case 3 -> xml.append(FuzzText.text(data, 3));
        default -> {
          String name = data.pickValue(FIELDS);
          String value = data.consumeBoolean() ? data.pickValue(VALUES) : FuzzText.text(data, 4);
          xml.append('<').append(name).append('>');
          xml.append(data.consumeBoolean() ? "<![CDATA[" + value + "]]>" : value);
          xml.append("</").append(data.consumeInt(0, 7) == 0 ? data.pickValue(FIELDS) : name).append('>');
        }
      }
    }
    xml.append("</xml>");
    if (data.consumeBoolean()) {
      xml.append(data.pickValue(MARKUP));
    }
    return xml.toString();
  }

  /** A value WeChat might send in a field, or one it would not. */
  static String value(FuzzedDataProvider data) {
    return data.pickValue(VALUES);
  }

  /** One body through the callback's reading steps. */
  static void check(String body) {
    Map<String, String> fields;
    try {
      fields = XML.read(body);
    } catch (SafeXmlReader.RejectedXml refused) {
      return;
    }
    if (DOCTYPE_PROLOG.matcher(body).find()) {
      fail("a body with a DOCTYPE was read: " + fields);
    }
    try {
      WeChatSeams.message(fields);
    } catch (WeChatSeams.Refused refused) {
      // a 400 in the callback
    }
  }
}
