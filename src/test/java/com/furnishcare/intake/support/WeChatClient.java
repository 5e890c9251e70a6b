package com.furnishcare.intake.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/**
 * Plays WeChat's servers in tests: signs and (in safe or compatible mode) encrypts pushes to the
 * gateway's /wechat exactly as WeChat does, and reads encrypted replies.
 */
public final class WeChatClient {

  public enum Mode { PLAIN, COMPAT, AES }

  public static final String ACCOUNT = "gh_furnish";
  private static final AtomicLong NONCE = new AtomicLong(1000);

  private final WebClient http;
  private final int port;
  private final String token;
  private final WxCryptUtil crypt;

  public WeChatClient(Vertx vertx, int port, String token, String aesKey, String appId) {
    this.http = WebClient.create(vertx);
    this.port = port;
    this.token = token;
    this.crypt = aesKey == null ? null : new WxCryptUtil(token, aesKey, appId);
  }

  public static String textXml(String openId, String msgId, String content) {
    return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
  }

  /** An image message as WeChat posts it: PicUrl on WeChat's CDN, MediaId for media/get. */
  public static String imageXml(String openId, String msgId, String mediaId) {
    return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[image]]></MsgType>"
        + "<PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/" + mediaId + "/0]]></PicUrl><MediaId><![CDATA["
        + mediaId + "]]></MediaId><MsgId>" + msgId + "</MsgId></xml>";
  }

  public static String eventXml(String openId, long createTime, String event, String eventKey) {
    return "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName><FromUserName><![CDATA[" + openId
        + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[" + event + "]]></Event>"
        + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey>") + "</xml>";
  }

  public static long now() {
    return System.currentTimeMillis() / 1000;
  }

  public HttpResponse<Buffer> post(String xml) {
    return post(xml, Mode.PLAIN);
  }

  public HttpResponse<Buffer> post(String xml, Mode mode) {
    return post(xml, mode, Long.toString(now()));
  }

  public HttpResponse<Buffer> post(String xml, Mode mode, String timestamp) {
    return post(xml, mode, timestamp, Long.toString(NONCE.incrementAndGet()));
  }

  /** With a chosen nonce: WeChat's own retries, or a replay of a captured signature, repeat one. */
  public HttpResponse<Buffer> post(String xml, Mode mode, String timestamp, String nonce) {
    String signature = SHA1.gen(token, timestamp, nonce);
    String uri = "/wechat?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce + "&openid=x";
    String body = xml;
    if (mode != Mode.PLAIN) {
      String encrypted = crypt.encrypt("abcdefghijklmnop", xml);
      String msgSignature = SHA1.gen(token, timestamp, nonce, encrypted);
      uri += "&encrypt_type=aes&msg_signature=" + msgSignature;
      String inner = "<Encrypt><![CDATA[" + encrypted + "]]></Encrypt>";
      body = mode == Mode.AES
          ? "<xml><ToUserName><![CDATA[" + ACCOUNT + "]]></ToUserName>" + inner + "</xml>"
          : xml.replace("</xml>", inner + "</xml>");
    }
    return postRaw(uri, body);
  }

  public HttpResponse<Buffer> postRaw(String uri, String body) {
    return Await.await(http.post(port, "127.0.0.1", uri).sendBuffer(Buffer.buffer(body)));
  }

  public HttpResponse<Buffer> get(String uri) {
    return Await.await(http.get(port, "127.0.0.1", uri).send());
  }

  /** Uri for a signed plaintext request with an arbitrary timestamp. */
  public String signedUri(String timestamp) {
    String nonce = Long.toString(NONCE.incrementAndGet());
    return "/wechat?signature=" + SHA1.gen(token, timestamp, nonce) + "&timestamp=" + timestamp + "&nonce=" + nonce;
  }

  /** Checks an encrypted reply's MsgSignature and returns the plaintext XML inside. */
  public String decryptReply(String replyXml, Map<String, String> envelope) {
    String expected = SHA1.gen(token, envelope.get("TimeStamp"), envelope.get("Nonce"), envelope.get("Encrypt"));
    if (!expected.equals(envelope.get("MsgSignature"))) {
      throw new AssertionError("reply MsgSignature does not verify: " + replyXml);
    }
    return crypt.decrypt(envelope.get("Encrypt"));
  }

  public void close() {
    http.close();
  }
}
