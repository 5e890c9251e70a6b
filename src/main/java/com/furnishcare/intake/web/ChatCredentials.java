package com.furnishcare.intake.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Identities the gateway issues to web-chat conversations: a random id (128 bits) and a random secret
 * (256 bits). Only the secret's SHA-256 is stored: it is a random key, not a password, so a fast hash
 * is enough and a leaked store does not let anyone write into a conversation.
 */
public final class ChatCredentials {

  private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;

  public ChatCredentials(SecureRandom random) {
    this.random = random;
  }

  /** A new conversation's id: "c" and 22 URL-safe characters. */
  public String newId() {
    return "c" + URL_SAFE.encodeToString(bytes(16));
  }

  /** A new conversation's secret: 43 URL-safe characters. */
  public String newSecret() {
    return URL_SAFE.encodeToString(bytes(32));
  }

  public static String hash(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private byte[] bytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }
}
