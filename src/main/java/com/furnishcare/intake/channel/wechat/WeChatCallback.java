package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.config.WeChatConfig;
import com.furnishcare.intake.core.CallbackNonces;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.turn.TurnAnswer;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official account's server URL, {@code /wechat}.
 *
 * <p>GET answers WeChat's URL verification. POST takes messages in plaintext, compatible and safe
 * mode; whatever arrived encrypted is answered encrypted. Every request is checked (signature,
 * timestamp window, nonce not replayed with another body, XML shape, field lengths) before anything
 * is processed, and refused with a short 4xx otherwise.
 */
public final class WeChatCallback {

  public static final String PATH = "/wechat";
  private static final Logger LOG = LoggerFactory.getLogger(WeChatCallback.class);
  private static final String SUCCESS = "success";
  /** WeChat's nonces are numbers of about ten digits; the pair becomes a store key. */
  private static final int MAX_NONCE_LENGTH = 64;

  private final WeChatConfig config;
  private final String token;
  private final Optional<WeChatCrypto> crypto;
  private final SafeXmlReader xml = new SafeXmlReader();
  private final WeChatReplyWriter replies;
  private final ReplayGuard replays;
  private final TurnProcessor turns;
  private final DeliveryLog deliveries;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final Optional<WeChatPhotos> photos;

  /** @param photos keeps our own copy of every image (empty without WECHAT_SECRET: no API access) */
  public WeChatCallback(WeChatConfig config, TurnProcessor turns, DeliveryLog deliveries, CallbackNonces nonces,
      GatewayMetrics metrics, Clock clock, Optional<WeChatPhotos> photos) {
    this.photos = photos;
    this.config = config;
    this.token = config.token().orElseThrow(() -> new IllegalArgumentException("WECHAT_TOKEN is required"));
    this.crypto = config.aesKey().map(key -> new WeChatCrypto(token, key, config.appId().orElseThrow()));
    this.replies = new WeChatReplyWriter(clock);
    this.replays = new ReplayGuard(nonces, config.timestampToleranceSeconds());
    this.turns = turns;
    this.deliveries = deliveries;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void mount(Router router, int bodyLimitBytes) {
    router.get(PATH).handler(this::verifyUrl);
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes)).handler(this::receive);
  }

  private void verifyUrl(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String timestamp = req.getParam("timestamp");
    String nonce = req.getParam("nonce");
    String echostr = req.getParam("echostr");
    if (echostr == null || !timestampAcceptable(ctx, timestamp)) {
      if (echostr == null) {
        reject(ctx, 400, "bad_request", "missing echostr");
      }
      return;
    }
    String msgSignature = req.getParam("msg_signature");
    if (msgSignature != null && crypto.isPresent()) {
      try {
        ok(ctx, "text/plain", crypto.get().decrypt(msgSignature, timestamp, nonce, echostr));
      } catch (WeChatCrypto.BadSignature e) {
        reject(ctx, 403, "bad_signature", "invalid msg_signature");
      } catch (WeChatCrypto.Undecryptable e) {
        reject(ctx, 400, "undecryptable", "echostr cannot be decrypted");
      }
      return;
    }
    if (!WeChatSignature.matches(req.getParam("signature"), token, timestamp, nonce)) {
      reject(ctx, 403, "bad_signature", "invalid signature");
      return;
    }
    ok(ctx, "text/plain", echostr);
  }

  private void receive(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String timestamp = req.getParam("timestamp");
    String nonce = req.getParam("nonce");
    if (!timestampAcceptable(ctx, timestamp)) {
      return;
    }
    if (!WeChatSignature.matches(req.getParam("signature"), token, timestamp, nonce)) {
      reject(ctx, 403, "bad_signature", "invalid signature");
      return;
    }
    if (nonce.length() > MAX_NONCE_LENGTH) {
      reject(ctx, 400, "bad_request", "nonce too long");
      return;
    }
    boolean encrypted = "aes".equalsIgnoreCase(req.getParam("encrypt_type"));
    if (encrypted && crypto.isEmpty()) {
      reject(ctx, 400, "aes_not_configured", "encrypted message but no EncodingAESKey is configured");
      return;
    }
    WeChatMessage message;
    String messageXml = ctx.body().asString("UTF-8");
    try {
      Map<String, String> fields = xml.read(messageXml);
      if (encrypted) {
        String cipherText = fields.get("Encrypt");
        if (cipherText == null) {
          reject(ctx, 400, "bad_xml", "encrypted message without <Encrypt>");
          return;
        }
        messageXml = crypto.get().decrypt(req.getParam("msg_signature"), timestamp, nonce, cipherText);
        fields = xml.read(messageXml);
      }
      WeChatFieldLimits.check(fields);
      message = WeChatMessage.of(fields);
    } catch (SafeXmlReader.RejectedXml e) {
      reject(ctx, 400, "bad_xml", "unreadable message: " + e.getMessage());
      return;
    } catch (WeChatCrypto.BadSignature e) {
      reject(ctx, 403, "bad_signature", "invalid msg_signature");
      return;
    } catch (WeChatCrypto.Undecryptable e) {
      reject(ctx, 400, "undecryptable", e.getMessage());
      return;
    } catch (WeChatMessage.Incomplete e) {
      reject(ctx, 400, "bad_xml", "incomplete message: " + e.getMessage());
      return;
    } catch (WeChatFieldLimits.TooLong e) {
      reject(ctx, 400, "field_too_long", e.getMessage());
      return;
    }
    long sent = Long.parseLong(timestamp);
    if (message.isTemplateDeliveryReport()) {
      ifAdmitted(ctx, sent, nonce, messageXml, () -> {
        received(message);
        recordTemplateReport(message);
        ok(ctx, "text/plain", SUCCESS);
      });
      return;
    }
    InboundMessage inbound = message.toInbound(clock.instant());
    if (photos.isPresent() && photos.get().downloads(inbound)) {
      // The download starts before the turn: so the pair is checked first, on its own, and a replayed signature
      // fetches nothing.
      ifAdmitted(ctx, sent, nonce, messageXml,
          () -> answer(ctx, message, encrypted, turns.handle(photos.get().adopt(inbound), message.dedupeKey())));
      return;
    }
    // Any other message's pair is recorded with its claim, in the same store step where the store can.
    answer(ctx, message, encrypted,
        turns.handle(inbound, message.dedupeKey(), replays.check(sent, nonce, messageXml)));
  }

  private void answer(RoutingContext ctx, WeChatMessage message, boolean encrypted, Future<TurnAnswer> turn) {
    turn.onComplete(ar -> {
      if (ar.succeeded() && ar.result().replayed()) {
        refuseReplay(ctx);
        return;
      }
      received(message);
      if (ar.succeeded() && ar.result().retryLater()) {
        // Claimed elsewhere, maybe by a gateway killed mid-turn, or not claimable now (the store away): "success"
        // would end WeChat's retries for good.
        reject(ctx, 503, "turn_elsewhere", "message is being handled elsewhere; try again later");
        return;
      }
      List<String> passive = ar.succeeded() ? ar.result().passive() : List.of();
      if (passive.isEmpty()) {
        ok(ctx, "text/plain", SUCCESS);
        return;
      }
      // WeChat's reply plan puts at most one part in the answer.
      String plain = replies.text(message, passive.get(0));
      ok(ctx, "application/xml; charset=utf-8", encrypted ? crypto.get().encrypt(plain) : plain);
    });
  }

  /** Counted once its nonce pair passed: a replayed callback is no message received. */
  private void received(WeChatMessage message) {
    metrics.messageReceived(ChannelName.WECHAT.wireName(), message.metricType());
  }

  /**
   * Checks the nonce pair on its own, for a callback whose handling cannot wait for its claim to check it; runs
   * {@code then} when it is a first sighting or WeChat's retry, refuses a replay, and asks WeChat to retry when the
   * record cannot be reached (without it a replay cannot be told from a first sighting).
   */
  private void ifAdmitted(RoutingContext ctx, long sent, String nonce, String messageXml, Runnable then) {
    replays.admits(sent, nonce, messageXml).onComplete(admitted -> {
      if (admitted.failed()) {
        LOG.warn("could not check the callback nonce", admitted.cause());
        reject(ctx, 503, "nonce_store", "try again later");
      } else if (!admitted.result()) {
        refuseReplay(ctx);
      } else {
        then.run();
      }
    });
  }

  private void refuseReplay(RoutingContext ctx) {
    reject(ctx, 403, "replayed_nonce", "timestamp and nonce already used for another message");
  }

  private void recordTemplateReport(WeChatMessage message) {
    deliveries.record(new DeliveryEvent("template_job_finished", ChannelName.WECHAT, message.openId(),
            message.field("MsgID"), message.field("Status"), clock.instant()))
        .onFailure(err -> LOG.warn("could not record template delivery report {}", message.field("MsgID"), err));
  }

  /** Rejects stale or future timestamps (replays), unless the check is switched off with 0. */
  private boolean timestampAcceptable(RoutingContext ctx, String timestamp) {
    long sent;
    try {
      sent = Long.parseLong(timestamp == null ? "" : timestamp);
    } catch (NumberFormatException e) {
      reject(ctx, 400, "bad_request", "missing or invalid timestamp");
      return false;
    }
    long tolerance = config.timestampToleranceSeconds();
    long now = clock.millis() / 1000;
    // Not |now - sent| > tolerance: for a sent 2^63 s away that difference overflows to a negative number.
    if (tolerance > 0 && (sent < now - tolerance || sent > now + tolerance)) {
      reject(ctx, 403, "stale_timestamp", "timestamp outside the accepted window");
      return false;
    }
    return true;
  }

  private void reject(RoutingContext ctx, int status, String kind, String message) {
    metrics.error("wechat_" + kind);
    LOG.info("refused WeChat callback from {}: {} ({})", ctx.request().remoteAddress(), message, status);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }

  private static void ok(RoutingContext ctx, String contentType, String body) {
    if (!ctx.response().ended()) {
      ctx.response().putHeader("Content-Type", contentType).end(body);
    }
  }
}
