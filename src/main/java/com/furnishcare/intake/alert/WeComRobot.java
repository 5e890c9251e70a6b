package com.furnishcare.intake.alert;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The WeCom group robot API (企业微信群机器人): {@code POST /cgi-bin/webhook/send?key=KEY} with
 * {@code {"msgtype":"markdown","markdown":{"content":"…"}}}; the answer is {@code {"errcode":0,"errmsg":"ok"}}
 * or an error code (93000 bad key, 45009 more than 20 messages a minute to the robot, 40058 a bad field such
 * as content over 4096 bytes). Non-blocking through the Vert.x web client.
 */
public final class WeComRobot {

  /** WeCom's limit for a markdown message's content, in UTF-8 bytes. */
  public static final int MARKDOWN_BYTES = 4096;
  public static final int RATE_LIMITED = 45009;
  public static final int INVALID_WEBHOOK = 93000;

  /**
   * What the robot said. {@code errcode} 0 is delivered.
   */
  public record Answer(int errcode, String errmsg) {
    public boolean ok() {
      return errcode == 0;
    }

    /** Worth trying again later: the per-minute limit, or WeCom's own "system busy" (-1). */
    public boolean retryable() {
      return errcode == RATE_LIMITED || errcode == -1;
    }
  }

  private final WebClient http;
  private final String baseUrl;

  public WeComRobot(Vertx vertx, String baseUrl) {
    this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000).setIdleTimeout(30));
    this.baseUrl = baseUrl;
  }

  /**
   * Sends one markdown message. Resolves with the robot's answer; fails (worth a retry) when there was no
   * answer: no connection, a timeout, a non-200 status or a body that is not the API's JSON. A failure's
   * message never contains the key.
   */
  public Future<Answer> sendMarkdown(String key, String content) {
    JsonObject body = new JsonObject().put("msgtype", "markdown")
        .put("markdown", new JsonObject().put("content", MarkdownText.fit(content, MARKDOWN_BYTES)));
    return http.postAbs(baseUrl + RobotKeys.SEND_PATH + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))
        .timeout(10_000)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .sendJsonObject(body)
        .recover(err -> Future.failedFuture(new IllegalStateException("robot not reached: "
            + RobotKeys.maskIn(err.getMessage()))))
        .compose(response -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture(new IllegalStateException("robot answered HTTP " + response.statusCode()));
          }
          try {
            JsonObject answer = response.bodyAsJsonObject();
            Integer code = answer == null ? null : answer.getInteger("errcode");
            if (code == null) {
              return Future.failedFuture(new IllegalStateException("robot answer without errcode"));
            }
            return Future.succeededFuture(new Answer(code, answer.getString("errmsg", "")));
          } catch (RuntimeException e) {
            return Future.failedFuture(new IllegalStateException("robot answer is not JSON"));
          }
        });
  }

  public void close() {
    http.close();
  }
}
