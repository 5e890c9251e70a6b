package com.furnishcare.intake.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The passive reply WeChat reads back is exactly the text the gateway meant, whatever a homeowner's own words
 * quoted in it hold: read with our reader and with WxJava's (what the platform side of an SDK does).
 */
class WeChatReplyWriterTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
  private final WeChatReplyWriter writer = new WeChatReplyWriter(CLOCK);
  private final SafeXmlReader reader = new SafeXmlReader();

  private static WeChatMessage from(String openId) throws Exception {
    return WeChatMessage.of(Map.of("ToUserName", "gh_account", "FromUserName", openId, "CreateTime", "1796200000",
        "MsgType", "text", "Content", "你好", "MsgId", "1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "请确认：地址 杭州市]]></Content><MsgType><![CDATA[news]]></MsgType><Content><![CDATA[x",
      "a]]>b", "a]]]>b", "a]]]]>>b", "]]>", "x]]", "x<![CDATA[y]]>z", "x & <b>粗</b> &amp; y", "门缝 2mm 😀 正常"})
  void aReplyQuotingAnythingIsReadBackAsExactlyThatText(String content) throws Exception {
    String xml = writer.text(from("o_user"), content);
    Map<String, String> fields = reader.read(xml);
    assertEquals(content.strip(), fields.get("Content"), xml);
    assertEquals("text", fields.get("MsgType"), "no element written by the homeowner: " + xml);
    assertEquals(Map.of("ToUserName", "o_user", "FromUserName", "gh_account", "CreateTime", "1796198400",
        "MsgType", "text", "Content", content.strip()), fields);
    WxMpXmlMessage asWxJavaReadsIt = WxMpXmlMessage.fromXml(xml);
    assertEquals(content, asWxJavaReadsIt.getContent());
    assertEquals("o_user", asWxJavaReadsIt.getToUser());
    assertEquals("gh_account", asWxJavaReadsIt.getFromUser());
  }

  @Test
  void charactersXmlCannotCarryBecomeReplacementCharactersAndTheReplyStillParses() throws Exception {
    String content = "a\u0000b\u0008c\uFFFEd\uD800e\uDC00f\tg";
    String xml = writer.text(from("o_user"), content);
    assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\tg", reader.read(xml).get("Content"));
  }

  @Test
  void randomTextsOfBracketsMarkupAndSurrogatesRoundTrip() throws Exception {
    String[] pieces = {"]", "]]", ">", "<", "&", "<![CDATA[", "]]>", "柜", "门", "😀", "\n", " ", "x", "\r\n"};
    Random random = new Random(17);
    for (int n = 0; n < 5_000; n++) {
      StringBuilder text = new StringBuilder("s");
      for (int i = random.nextInt(12); i >= 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String content = text.append('e').toString();
      String xml = writer.text(from("o_" + n), content);
      // XML parsers normalise a CR LF pair to LF.
      assertEquals(content.replace("\r\n", "\n"), reader.read(xml).get("Content"), xml);
    }
  }
}
