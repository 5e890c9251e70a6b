package com.furnishcare.intake.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import me.chanjar.weixin.common.util.crypto.SHA1;

/**
 * WeChat's servers as a blocking caller for load and fault tests, usable from many plain threads at once
 * (no event loop): a signed plaintext push to /wechat, waited for as long as WeChat waits (5 s).
 */
public final class WeChatLine {

  /** What WeChat saw: a status and body, or no answer in time (-1). */
  public record Answer(int status, String body) {
    public boolean timedOut() {
      return status < 0;
    }

    /** The text of a passive reply, or null for "success"/empty/an error. */
    public String content() {
      if (status != 200 || body == null || !body.startsWith("<xml>")) {
        return null;
      }
      return GatewayHarness.content(body);
    }
  }

  private static final AtomicLong NONCE = new AtomicLong(5_000_000);
  private static final Duration WECHAT_WAITS = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;
  private final String token;

  public WeChatLine(int port, String token) {
    this.port = port;
    this.token = token;
  }

  public Answer post(String openId, String msgId, String text) throws InterruptedException {
    String timestamp = Long.toString(WeChatClient.now());
    String nonce = Long.toString(NONCE.incrementAndGet());
    String uri = "http://127.0.0.1:" + port + "/wechat?signature=" + SHA1.gen(token, timestamp, nonce) + "&timestamp="
        + timestamp + "&nonce=" + nonce + "&openid=" + openId;
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(WECHAT_WAITS)
        .POST(HttpRequest.BodyPublishers.ofString(WeChatClient.textXml(openId, msgId, text), StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    }
  }

  /** GET with the admin token; the status (-1 when nothing came back in {@code limit}). */
  public int adminGet(String path, String adminToken, Duration limit) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(limit)
          .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
