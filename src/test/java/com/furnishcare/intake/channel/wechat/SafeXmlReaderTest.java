package com.furnishcare.intake.channel.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlReaderTest {

  private final SafeXmlReader reader = new SafeXmlReader();

  @Test
  void readsAFlatWeChatMessage() throws Exception {
    Map<String, String> fields = reader.read("<xml><ToUserName><![CDATA[gh_1]]></ToUserName>"
        + "<Content><![CDATA[门板 <色差> & 划痕]]></Content><MsgId>42</MsgId>"
        + "<ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType></ScanCodeInfo></xml>");
    assertEquals("gh_1", fields.get("ToUserName"));
    assertEquals("门板 <色差> & 划痕", fields.get("Content"));
    assertEquals("42", fields.get("MsgId"));
    assertEquals("qrcode", fields.get("ScanCodeInfo/ScanType"));
  }

  @Test
  void nestedListsAreReadUnderTheirPathAndNeverPoseAsTopLevelFields() throws Exception {
    Map<String, String> fields = reader.read("<xml><MsgType>event</MsgType><Event>pic_weixin</Event>"
        + "<SendPicsInfo><Count>2</Count><PicList>"
        + "<item><PicMd5Sum>aaa</PicMd5Sum></item><item><PicMd5Sum>bbb</PicMd5Sum></item>"
        + "</PicList></SendPicsInfo>"
        + "<SubscribeMsgSentEvent><List><MsgID>1700827132819554304</MsgID></List></SubscribeMsgSentEvent></xml>");
    assertEquals("2", fields.get("SendPicsInfo/Count"));
    assertEquals("aaa", fields.get("SendPicsInfo/PicList/item/PicMd5Sum"));
    assertEquals("1700827132819554304", fields.get("SubscribeMsgSentEvent/List/MsgID"));
    assertFalse(fields.containsKey("MsgID"), "a list item's MsgID is not the message's");
    assertFalse(fields.containsKey("SendPicsInfo/PicList/item"), "groups carry no value of their own");
  }

  @Test
  void depthIsBoundedAboveWhatRealMessagesNeed() throws Exception {
    String eight = "<xml><a><b><c><d><e><f><g>deep enough</g></f></e></d></c></b></a></xml>";
    assertEquals("deep enough", reader.read(eight).get("a/b/c/d/e/f/g"));
    String nine = "<xml><a><b><c><d><e><f><g><h>too deep</h></g></f></e></d></c></b></a></xml>";
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read(nine));
  }

  @Test
  void elementCountIsBounded() {
    String many = "<xml>" + "<item>x</item>".repeat(SafeXmlReader.MAX_ELEMENTS) + "</xml>";
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read(many));
  }

  /** A message whose Content is an external entity naming a file that holds TOP-SECRET-CONTENT. */
  private static String readingASecretFile(Path dir) throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT");
    return "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<xml><Content>&xxe;</Content></xml>";
  }

  @Test
  void externalEntityNeverReadsTheFile(@TempDir Path dir) throws Exception {
    String xxe = readingASecretFile(dir);
    SafeXmlReader.RejectedXml e = assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read(xxe));
    assertFalse(e.getMessage().contains("TOP-SECRET"));
  }

  @Test
  void billionLaughsIsRejected() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&lol").append(i == 1 ? "" : Integer.toString(i - 1)).append(';');
      }
      dtd.append("\">");
    }
    String bomb = dtd + "]><xml><Content>&lol9;</Content></xml>";
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read(bomb));
  }

  @Test
  void anyDoctypeIsRejected() {
    assertThrows(SafeXmlReader.RejectedXml.class,
        () -> reader.read("<!DOCTYPE xml><xml><Content>hi</Content></xml>"));
  }

  @Test
  void undeclaredEntityIsRejected() {
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read("<xml><Content>&nbsp;</Content></xml>"));
  }

  @Test
  void malformedOrForeignXmlIsRejected() {
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read("<xml><Content>open</xml>"));
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read("not xml at all"));
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read("<html><body/></html>"));
    assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read(""));
  }

  /**
   * Each thread's reader is reset and used for the next document: whatever the one before did (refused mid-way,
   * cut off, hostile), the next is read whole and on its own, and the hardening holds for it.
   */
  @Test
  void aDocumentReadAfterARefusedOneIsReadOnItsOwnAndStillHardened(@TempDir Path dir) throws Exception {
    String xxe = readingASecretFile(dir);
    List<String> hostile = List.of("<xml><Content>open</xml>", "<xml><MsgType>text</MsgType><Content>cut",
        xxe, "<!DOCTYPE xml><xml><Content>hi</Content></xml>", "<xml><Content>&nbsp;</Content></xml>",
        "<xml><a><b><c><d><e><f><g><h><i>deep</i></h></g></f></e></d></c></b></a></xml>");
    for (int round = 0; round < 3; round++) {
      for (String bad : hostile) {
        SafeXmlReader.RejectedXml e = assertThrows(SafeXmlReader.RejectedXml.class, () -> reader.read(bad), bad);
        assertFalse(e.getMessage().contains("TOP-SECRET"));
        String id = round + ":" + bad.length();
        assertEquals(Map.of("MsgType", "text", "Content", "第" + id + "条", "MsgId", id),
            reader.read("<xml><MsgType>text</MsgType><Content><![CDATA[第" + id + "条]]></Content><MsgId>" + id
                + "</MsgId></xml>"), "read after: " + bad);
      }
    }
  }
}
