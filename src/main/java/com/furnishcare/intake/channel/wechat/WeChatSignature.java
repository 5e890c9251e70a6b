package com.furnishcare.intake.channel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import me.chanjar.weixin.common.util.crypto.SHA1;

/** WeChat's request signature: sha1 of the sorted token, timestamp and nonce (plus the ciphertext in safe mode). */
final class WeChatSignature {

  private WeChatSignature() {}

  /** Compares in constant time so the signature cannot be guessed byte by byte from response times. */
  static boolean matches(String expected, String... parts) {
    if (expected == null) {
      return false;
    }
    for (String part : parts) {
      if (part == null || part.isEmpty()) {
        return false;
      }
    }
    String actual = SHA1.gen(parts);
    return MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
        expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
