package com.furnishcare.intake.channel.wechat;

import static com.furnishcare.intake.support.GatewayHarness.content;
import static com.furnishcare.intake.support.GatewayHarness.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.WeChatClient;
import com.furnishcare.intake.support.WeChatClient.Mode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import me.chanjar.weixin.common.util.crypto.SHA1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** /wechat end to end on the embedded store: verification, modes, bad input, message types, retries. */
@ExtendWith(VertxExtension.class)
class WeChatCallbackTest {

  @TempDir
  Path dataDir;
  private GatewayHarness harness;
  private Gateway gateway;
  private WeChatClient wechat;

  @BeforeEach
  void start(Vertx vertx) {
    harness = new GatewayHarness(vertx);
    gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
    wechat = harness.wechat(gateway);
  }

  @AfterEach
  void stop() {
    assertEquals(java.util.List.of(), harness.api.problems(), "requests the real WeChat API would refuse");
    wechat.close();
    harness.close();
  }

  @Test
  void plaintextUrlVerificationEchoes() {
    String ts = Long.toString(WeChatClient.now());
    HttpResponse<Buffer> response = wechat.get(wechat.signedUri(ts) + "&echostr=hello-echo");
    assertEquals(200, response.statusCode());
    assertEquals("hello-echo", response.bodyAsString());
  }

  @Test
  void officialSafeModeUrlVerificationVector(Vertx vertx) {
    // The vector's timestamp is from 2014: switch the replay window off, as an operator could.
    Gateway old = harness.start(TestConfig.embedded(dataDir.resolve("vector")).with("WECHAT_TIMESTAMP_TOLERANCE_S", "0"));
    WeChatClient client = harness.wechat(old);
    String echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    HttpResponse<Buffer> response = client.get("/wechat?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
        + "&timestamp=1409659589&nonce=263014780&echostr=" + URLEncoder.encode(echostr, StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode());
    assertEquals("1616140317555161061", response.bodyAsString());
    client.close();
  }

  @Test
  void verificationWithWrongSignatureIsRefused() {
    String ts = Long.toString(WeChatClient.now());
    HttpResponse<Buffer> response = wechat.get("/wechat?signature=deadbeef&timestamp=" + ts + "&nonce=1&echostr=x");
    assertEquals(403, response.statusCode());
    assertFalse(response.bodyAsString().contains("x\n"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void textMessageIsAnsweredInTheModeItCameIn(Mode mode) {
    HttpResponse<Buffer> response = wechat.post(WeChatClient.textXml("o-mode", "5001", "衣柜门板色差很明显"), mode);
    assertEquals(200, response.statusCode());
    Map<String, String> reply = fields(response.bodyAsString());
    String plain;
    if (mode == Mode.PLAIN) {
      assertFalse(reply.containsKey("Encrypt"));
      plain = response.bodyAsString();
    } else {
      assertTrue(reply.containsKey("Encrypt") && reply.containsKey("MsgSignature"), response.bodyAsString());
      plain = wechat.decryptReply(response.bodyAsString(), reply);
    }
    Map<String, String> inner = fields(plain);
    assertEquals("o-mode", inner.get("ToUserName"));
    assertEquals(WeChatClient.ACCOUNT, inner.get("FromUserName"));
    assertEquals("text", inner.get("MsgType"));
    assertTrue(inner.get("Content").contains("订单号"), "intake asks for the order next: " + inner.get("Content"));
  }

  @Test
  void wrongSignatureIsRefusedAndNotProcessed() {
    String xml = WeChatClient.textXml("o-sig", "5002", "第一条");
    HttpResponse<Buffer> response = wechat.postRaw("/wechat?signature=0000&timestamp=" + WeChatClient.now()
        + "&nonce=1", xml);
    assertEquals(403, response.statusCode());
    assertTrue(harness.session(gateway, "o-sig").isEmpty(), "a refused message must not touch the session");
  }

  @Test
  void wrongMsgSignatureInSafeModeIsRefused() {
    String ts = Long.toString(WeChatClient.now());
    String nonce = "77";
    String uri = "/wechat?signature=" + SHA1.gen(TestConfig.TOKEN, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce
        + "&encrypt_type=aes&msg_signature=0123456789abcdef";
    HttpResponse<Buffer> response = wechat.postRaw(uri, "<xml><ToUserName>gh</ToUserName><Encrypt>QUJD</Encrypt></xml>");
    assertEquals(403, response.statusCode());
  }

  @Test
  void messageEncryptedWithAnotherKeyIsRefused() {
    String ts = Long.toString(WeChatClient.now());
    String nonce = "78";
    String encrypted = new me.chanjar.weixin.common.util.crypto.WxCryptUtil(TestConfig.TOKEN,
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", TestConfig.APP_ID)
        .encrypt("abcdefghijklmnop", WeChatClient.textXml("o-key", "5003", "hi"));
    String uri = "/wechat?signature=" + SHA1.gen(TestConfig.TOKEN, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce
        + "&encrypt_type=aes&msg_signature=" + SHA1.gen(TestConfig.TOKEN, ts, nonce, encrypted);
    HttpResponse<Buffer> response = wechat.postRaw(uri, "<xml><Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>");
    assertEquals(400, response.statusCode());
    assertTrue(harness.session(gateway, "o-key").isEmpty());
  }

  @Test
  void staleOrFutureTimestampIsRefused() {
    String xml = WeChatClient.textXml("o-ts", "5004", "hi");
    assertEquals(403, wechat.post(xml, Mode.PLAIN, Long.toString(WeChatClient.now() - 301)).statusCode());
    assertEquals(403, wechat.post(xml, Mode.PLAIN, Long.toString(WeChatClient.now() + 301)).statusCode());
    assertEquals(400, wechat.post(xml, Mode.PLAIN, "yesterday").statusCode());
    assertEquals(200, wechat.post(xml, Mode.PLAIN, Long.toString(WeChatClient.now() - 200)).statusCode());
  }

  @Test
  void replayWindowCanBeSwitchedOff() {
    Gateway open = harness.start(TestConfig.embedded(dataDir.resolve("open")).with("WECHAT_TIMESTAMP_TOLERANCE_S", "0"));
    WeChatClient client = harness.wechat(open);
    HttpResponse<Buffer> response = client.post(WeChatClient.textXml("o-old", "5005", "hi"), Mode.PLAIN, "1409659589");
    assertEquals(200, response.statusCode());
    client.close();
  }

  @Test
  void malformedXmlGetsA400WithoutStackTrace() {
    HttpResponse<Buffer> response = wechat.postRaw(wechat.signedUri(Long.toString(WeChatClient.now())), "<xml><Content>");
    assertEquals(400, response.statusCode());
    assertNoInternals(response.bodyAsString());
    HttpResponse<Buffer> incomplete = wechat.postRaw(wechat.signedUri(Long.toString(WeChatClient.now())),
        "<xml><Content>no sender</Content></xml>");
    assertEquals(400, incomplete.statusCode());
  }

  @Test
  void externalEntityIsRefusedAndTheFileNeverLeaks() throws Exception {
    Path secret = dataDir.resolve("secret.txt");
    Files.writeString(secret, "SECRET-FILE-CONTENT-42");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
        + "<xml><ToUserName>gh</ToUserName><FromUserName>o-xxe</FromUserName><CreateTime>1</CreateTime>"
        + "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";
    HttpResponse<Buffer> response = wechat.postRaw(wechat.signedUri(Long.toString(WeChatClient.now())), xxe);
    assertEquals(400, response.statusCode());
    assertFalse(response.bodyAsString().contains("SECRET-FILE-CONTENT"));
    assertTrue(harness.session(gateway, "o-xxe").isEmpty());
    // Same inside an encrypted envelope.
    HttpResponse<Buffer> encrypted = wechat.post(xxe, Mode.AES);
    assertEquals(400, encrypted.statusCode());
    assertFalse(encrypted.bodyAsString().contains("SECRET-FILE-CONTENT"));
  }

  @Test
  void entityExpansionBombIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">");
    String prev = "a";
    for (int i = 0; i < 8; i++) {
      String name = "e" + i;
      dtd.append("<!ENTITY ").append(name).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">");
      prev = name;
    }
    String bomb = dtd + "]><xml><Content>&" + prev + ";</Content></xml>";
    HttpResponse<Buffer> response = wechat.postRaw(wechat.signedUri(Long.toString(WeChatClient.now())), bomb);
    assertEquals(400, response.statusCode());
  }

  @Test
  void bodyOverTheLimitGets413() {
    String huge = WeChatClient.textXml("o-big", "5006", "长".repeat(30_000)); // ~90 KB
    HttpResponse<Buffer> response = wechat.post(huge);
    assertEquals(413, response.statusCode());
    assertNoInternals(response.bodyAsString());
  }

  @Test
  void anOversizedOpenIdIsRefusedAndNeverBecomesAConversation() {
    String openId = "o" + "x".repeat(30_000);
    HttpResponse<Buffer> response = wechat.post(WeChatClient.textXml(openId, "5007", "你好"));
    assertEquals(400, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("text/plain"), response.getHeader("Content-Type"));
    assertTrue(response.bodyAsString().length() < 200, response.bodyAsString());
    assertNoInternals(response.bodyAsString());
    assertTrue(harness.session(gateway, openId).isEmpty());
    // One over the bound is refused; a real 28-character openid and one at the bound are fine.
    assertEquals(400, wechat.post(WeChatClient.textXml("o".repeat(65), "5008", "你好")).statusCode());
    assertEquals(200, wechat.post(WeChatClient.textXml("o".repeat(64), "5009", "你好")).statusCode());
    assertEquals(200, wechat.post(WeChatClient.textXml("oV5CrjpxgaGXNHIQigzNlgLTnwic", "5010", "你好")).statusCode());
  }

  @Test
  void oversizedFieldsAreRefusedWithA400() {
    String account = WeChatClient.textXml("o-fields", "5011", "你好").replace(WeChatClient.ACCOUNT, "g".repeat(65));
    assertEquals(400, wechat.post(account).statusCode());
    // 1366 Chinese characters are 4098 UTF-8 bytes, just over the text bound; 4096 bytes are within it.
    assertEquals(400, wechat.post(WeChatClient.textXml("o-fields", "5012", "长".repeat(1366))).statusCode());
    assertEquals(200, wechat.post(WeChatClient.textXml("o-fields", "5013", "a".repeat(4096))).statusCode());
    String key = WeChatClient.eventXml("o-fields", WeChatClient.now(), "CLICK", "K".repeat(1025));
    assertEquals(400, wechat.post(key).statusCode());
    String other = WeChatClient.textXml("o-fields", "5014", "hi").replace("</xml>", "<Extra>" + "e".repeat(2049) + "</Extra></xml>");
    assertEquals(400, wechat.post(other).statusCode());
    assertEquals("1", harness.session(gateway, "o-fields").orElseThrow().get("messageCount", ""),
        "only the message within bounds was processed");
  }

  @Test
  void eventsCarryingNestedListsAreAccepted() {
    long now = WeChatClient.now();
    String head = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-nested</FromUserName><CreateTime>" + now
        + "</CreateTime><MsgType>event</MsgType>";
    String pics = head + "<Event>pic_weixin</Event><EventKey>PHOTO</EventKey><SendPicsInfo><Count>1</Count><PicList>"
        + "<item><PicMd5Sum>1b5f7c23b5bf75682a53e7b6d163e185</PicMd5Sum></item></PicList></SendPicsInfo></xml>";
    String publish = head + "<Event>PUBLISHJOBFINISH</Event><PublishEventInfo><publish_id>2247503051</publish_id>"
        + "<publish_status>0</publish_status><article_detail><count>1</count><item><idx>1</idx>"
        + "<article_url>https://mp.weixin.qq.com/s/x</article_url></item></article_detail></PublishEventInfo></xml>";
    for (String xml : List.of(pics, publish)) {
      HttpResponse<Buffer> response = wechat.post(xml);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      assertEquals("success", response.bodyAsString(), "unknown events are acknowledged silently");
    }
  }

  @Test
  void retryWithTheSameMsgIdIsProcessedOnceAndGetsTheSameReply() {
    String xml = WeChatClient.textXml("o-retry", "6001", "门板有划痕");
    String first = content(wechat.post(xml).bodyAsString());
    String second = content(wechat.post(xml).bodyAsString());
    String third = content(decrypt(wechat.post(xml, Mode.AES).bodyAsString()));
    assertEquals(first, second);
    assertEquals(first, third);
    assertEquals("1", harness.session(gateway, "o-retry").orElseThrow().get("messageCount", ""),
        "the retries must not have been processed");
    wechat.post(WeChatClient.textXml("o-retry", "6002", "还有"));
    assertEquals("2", harness.session(gateway, "o-retry").orElseThrow().get("messageCount", ""));
    assertTrue(gateway.metrics().scrape().contains("gateway_dedupe_hits_total{channel=\"wechat\"} 2.0"),
        gateway.metrics().scrape());
  }

  @Test
  void messagesFromOneUserArrivingTogetherAreAllCounted() throws Exception {
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<Buffer>>> inFlight = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String xml = WeChatClient.textXml("o-burst", "6100" + i, "第" + i + "句");
      inFlight.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> wechat.post(xml)));
    }
    for (var f : inFlight) {
      assertEquals(200, f.get().statusCode());
    }
    assertEquals("12", harness.session(gateway, "o-burst").orElseThrow().get("messageCount", ""),
        "no turn may overwrite another's session");
  }

  @Test
  void eventRetriesAreRecognisedBySenderAndCreateTime() {
    long createTime = WeChatClient.now();
    String subscribe = WeChatClient.eventXml("o-event", createTime, "subscribe", null);
    String first = content(wechat.post(subscribe).bodyAsString());
    String again = content(wechat.post(subscribe).bodyAsString());
    assertEquals(first, again);
    assertTrue(first.contains("欢迎") && first.contains("投诉") && first.contains("人工"), first);
    assertEquals("1", harness.session(gateway, "o-event").orElseThrow().get("messageCount", ""));
    // A different event from the same user at the same second is a different event.
    content(wechat.post(WeChatClient.eventXml("o-event", createTime, "CLICK", "PROGRESS")).bodyAsString());
    assertEquals("2", harness.session(gateway, "o-event").orElseThrow().get("messageCount", ""));
  }

  @Test
  void imageKeepsOurCopysIdAndPicUrl() {
    String xml = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-img</FromUserName><CreateTime>"
        + WeChatClient.now() + "</CreateTime><MsgType>image</MsgType><PicUrl>http://mmbiz.example/p.jpg</PicUrl>"
        + "<MediaId>MEDIA-123</MediaId><MsgId>7001</MsgId></xml>";
    String reply = content(wechat.post(xml).bodyAsString());
    assertTrue(reply.contains("图片"), reply);
    String attachments = harness.session(gateway, "o-img").orElseThrow().get("slot.photos", "");
    // With API access the MediaId (valid for 3 days) gives way to the id of the gateway's own copy (WeChatPhotoTest).
    assertEquals(com.furnishcare.intake.core.BlobIds.ofSource("wechat:o-img", "MEDIA-123") + " http://mmbiz.example/p.jpg",
        attachments);
  }

  @Test
  void voiceUsesRecognitionWhenPresent() {
    String withText = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-voice</FromUserName><CreateTime>"
        + WeChatClient.now() + "</CreateTime><MsgType>voice</MsgType><MediaId>V1</MediaId><Format>amr</Format>"
        + "<Recognition><![CDATA[暖气片漏水了]]></Recognition><MsgId>7002</MsgId></xml>";
    String leak = content(wechat.post(withText).bodyAsString());
    assertTrue(leak.contains("人工") && leak.contains("TK"), "a leak goes straight to a person: " + leak);
    String without = withText.replace("<Recognition><![CDATA[暖气片漏水了]]></Recognition>", "").replace("7002", "7003");
    assertTrue(content(wechat.post(without).bodyAsString()).contains("没有听清"));
  }

  @Test
  void locationLinkClickAndScanAreAnswered() {
    long now = WeChatClient.now();
    String location = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-types</FromUserName><CreateTime>" + now
        + "</CreateTime><MsgType>location</MsgType><Location_X>23.13</Location_X><Location_Y>113.26</Location_Y>"
        + "<Scale>15</Scale><Label><![CDATA[广州市天河区某小区]]></Label><MsgId>7004</MsgId></xml>";
    assertTrue(content(wechat.post(location).bodyAsString()).contains("广州市天河区某小区"));
    String link = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-types</FromUserName><CreateTime>" + now
        + "</CreateTime><MsgType>link</MsgType><Title><![CDATA[验收标准]]></Title><Description>d</Description>"
        + "<Url>http://example.com/a</Url><MsgId>7005</MsgId></xml>";
    assertTrue(content(wechat.post(link).bodyAsString()).contains("验收标准"));
    String click = content(wechat.post(WeChatClient.eventXml("o-types", now, "CLICK", "HUMAN")).bodyAsString());
    assertTrue(click.contains("人工"), click);
    String scan = content(wechat.post(WeChatClient.eventXml("o-types", now, "SCAN", "123")).bodyAsString());
    assertTrue(scan.contains("欢迎"), scan);
  }

  @Test
  void unknownTypesGetAPoliteReplyAndUnknownEventsASilentSuccess() {
    long now = WeChatClient.now();
    String video = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-unk</FromUserName><CreateTime>" + now
        + "</CreateTime><MsgType>video</MsgType><MediaId>M</MediaId><ThumbMediaId>T</ThumbMediaId><MsgId>7006</MsgId></xml>";
    HttpResponse<Buffer> response = wechat.post(video);
    assertEquals(200, response.statusCode());
    assertTrue(content(response.bodyAsString()).contains("抱歉"));
    HttpResponse<Buffer> view = wechat.post(WeChatClient.eventXml("o-unk", now, "VIEW", "https://example.com"));
    assertEquals(200, view.statusCode());
    assertEquals("success", view.bodyAsString());
  }

  @Test
  void unsubscribeIsAcknowledgedWithSuccess() {
    HttpResponse<Buffer> response = wechat.post(WeChatClient.eventXml("o-bye", WeChatClient.now(), "unsubscribe", null));
    assertEquals("success", response.bodyAsString());
    assertEquals("1", harness.session(gateway, "o-bye").orElseThrow().get("messageCount", ""));
  }

  @Test
  void templateDeliveryReportIsRecorded() {
    String report = "<xml><ToUserName>gh_furnish</ToUserName><FromUserName>o-tpl</FromUserName><CreateTime>"
        + WeChatClient.now() + "</CreateTime><MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event>"
        + "<MsgID>200163836</MsgID><Status><![CDATA[failed:user block]]></Status></xml>";
    assertEquals("success", wechat.post(report).bodyAsString());
    com.furnishcare.intake.support.Await.until("template report recorded", () ->
        harness.admin(gateway, "/api/deliveries").getJsonArray("items").stream()
            .map(o -> (io.vertx.core.json.JsonObject) o)
            .anyMatch(o -> "template_job_finished".equals(o.getString("kind"))
                && "200163836".equals(o.getString("reference")) && "failed:user block".equals(o.getString("detail"))));
  }

  private String decrypt(String encryptedReply) {
    return wechat.decryptReply(encryptedReply, fields(encryptedReply));
  }

  private static void assertNoInternals(String body) {
    assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("com.furnishcare"), body);
  }
}
