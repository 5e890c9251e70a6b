package com.furnishcare.intake.channel.sms;

import com.furnishcare.intake.core.PersonalData;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent Cloud SMS's reply callback (回复短信回调): {@code POST /sms/tencent/{token}/replies} with
 * {@code {"mobile", "nationcode", "text", "sign", "time", "extend"}} (one object, or an array of them),
 * answered {@code {"result": 0, "errmsg": "OK"}}. The provider signs nothing, so the URL carries a
 * secret token (SMS_REPLY_TOKEN); a wrong token gets 404 as if nothing were there.
 */
public final class TencentSmsReplyCallback {

  private static final Logger LOG = LoggerFactory.getLogger(TencentSmsReplyCallback.class);
  private static final Pattern MOBILE = Pattern.compile("1\\d{10}");
  private static final int BODY_LIMIT = 64 * 1024;

  private final byte[] token;
  private final int maxItems;
  private final SmsReplyRouter router;

  /**
   * @param maxItems most replies one call may carry (SMS_REPLY_MAX_ITEMS): each is a conversation turn
   *     handled before the call is answered, so a larger batch is refused whole rather than half done
   */
  public TencentSmsReplyCallback(String token, int maxItems, SmsReplyRouter router) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.maxItems = maxItems;
    this.router = router;
  }

  public void mount(Router web) {
    web.post("/sms/tencent/:token/replies").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
        .handler(this::checkToken).handler(this::replies);
  }

  private void checkToken(RoutingContext ctx) {
    if (!MessageDigest.isEqual(token, ctx.pathParam("token").getBytes(StandardCharsets.UTF_8))) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    ctx.next();
  }

  private record Reply(String mobile, String text, long time) {}

  private void replies(RoutingContext ctx) {
    List<Reply> replies;
    try {
      List<JsonObject> items = items(ctx.body().asString());
      if (items.size() > maxItems) {
        // Refused before any item is looked at, so nothing of it acts and the provider may split and resend.
        answer(ctx, 413, 1, "too many replies: at most " + maxItems + " per call");
        return;
      }
      replies = replies(items);
    } catch (DecodeException e) {
      // The parser's own words (positions, token names) tell a caller nothing useful and leak the library.
      answer(ctx, 400, 1, "bad request: body must be a JSON object or an array of objects");
      return;
    } catch (IllegalArgumentException e) {
      answer(ctx, 400, 1, "bad request: " + e.getMessage());
      return;
    }
    Future<Void> all = Future.succeededFuture();
    for (Reply reply : replies) {
      all = all.compose(ignored -> router.route(reply.mobile(), reply.text(), key(reply.mobile(), reply.time(), reply.text())).map(outcome -> {
        if (outcome == SmsReplyRouter.Outcome.NO_TICKET) {
          LOG.info("SMS reply from {} matches no ticket; acknowledged and dropped", PersonalData.mask(reply.mobile()));
        } else if (outcome == SmsReplyRouter.Outcome.WEB_CHAT) {
          LOG.info("SMS from {} matches no ticket; it went into a web chat", PersonalData.mask(reply.mobile()));
        }
        return null;
      }));
    }
    all.onComplete(ar -> {
      if (ar.succeeded()) {
        answer(ctx, 200, 0, "OK");
      } else {
        LOG.error("SMS reply could not be handled", ar.cause());
        answer(ctx, 500, 1, "internal error");
      }
    });
  }

  /**
   * The same reply delivered twice has the same sender, time and text: one turn. Hashed, because the
   * key is stored with the turn and shown in the delivery log, and the phone number is personal data.
   */
  static String key(String mobile, long time, String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((mobile + "\n" + time + "\n" + text).getBytes(StandardCharsets.UTF_8));
      return "sms:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static List<JsonObject> items(String body) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("empty body");
    }
    List<JsonObject> objects = new ArrayList<>();
    if (body.strip().startsWith("[")) {
      new JsonArray(body).forEach(o -> {
        if (!(o instanceof JsonObject obj)) {
          throw new IllegalArgumentException("array items must be objects");
        }
        objects.add(obj);
      });
    } else {
      objects.add(new JsonObject(body));
    }
    return objects;
  }

  private static List<Reply> replies(List<JsonObject> objects) {
    List<Reply> replies = new ArrayList<>();
    for (JsonObject o : objects) {
      String nation = String.valueOf(o.getValue("nationcode", "86"));
      String mobile = String.valueOf(o.getValue("mobile", ""));
      String text = o.getValue("text") instanceof String s ? s : "";
      if (!nation.equals("86") || !MOBILE.matcher(mobile).matches()) {
        throw new IllegalArgumentException("mobile must be a mainland number (nationcode 86, 11 digits)");
      }
      if (text.isBlank()) {
        throw new IllegalArgumentException("text is empty");
      }
      Object time = o.getValue("time");
      replies.add(new Reply(mobile, text, time instanceof Number n ? n.longValue() : 0));
    }
    return replies;
  }

  private static void answer(RoutingContext ctx, int status, int result, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("result", result).put("errmsg", message).encode());
  }
}
