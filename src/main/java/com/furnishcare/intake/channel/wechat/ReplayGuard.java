package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.core.CallbackNonces;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Lets a signed (timestamp, nonce) pair through once per body. WeChat retries a message it got no
 * timely answer for with the same timestamp, nonce and signature and the same body, and the MsgId
 * dedupe gives those retries the recorded reply; so only the same pair with a different body is a
 * replay. The body hashed is the message XML (decrypted in safe mode, where re-encryption would
 * change the ciphertext but not the message).
 *
 * <p>URL verification (GET with echostr) is not guarded: it changes nothing and answers only what the
 * request itself carries, so a replay gains nothing, and guarding it would cost a store write.
 */
final class ReplayGuard {

  private final CallbackNonces nonces;
  private final long toleranceSeconds;

  ReplayGuard(CallbackNonces nonces, long toleranceSeconds) {
    this.nonces = nonces;
    this.toleranceSeconds = toleranceSeconds;
  }

  /**
   * True for a first sighting or a retry, false for a replay. With the timestamp check switched off
   * (tolerance 0) there is no window to remember pairs for, so every request passes. For a callback that
   * carries no message to claim (a template delivery report); a message's pair is checked with its claim.
   */
  Future<Boolean> admits(long timestamp, String nonce, String messageXml) {
    return check(timestamp, nonce, messageXml).map(NonceCheck::admits).orElseGet(() -> Future.succeededFuture(true));
  }

  /**
   * The pair to record with the message's claim ({@link TurnProcessor#handle(InboundMessage, String, Optional)}),
   * so a message costs no store round trip of its own for it; empty with the timestamp check switched off.
   */
  Optional<NonceCheck> check(long timestamp, String nonce, String messageXml) {
    if (toleranceSeconds <= 0) {
      return Optional.empty();
    }
    // The timestamp check accepts this pair until its whole second timestamp + tolerance is over.
    Instant forgetAt = Instant.ofEpochSecond(timestamp + toleranceSeconds + 1);
    return Optional.of(new NonceCheck(nonces, timestamp + ":" + nonce, sha256(messageXml), forgetAt));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
