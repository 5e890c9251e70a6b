package com.furnishcare.intake.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The random values of a console session and the hash under which a store keeps its id. */
public final class AgentSessionTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private AgentSessionTokens() {}

  /** 256 random bits, URL- and cookie-safe (43 characters). */
  public static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Hex SHA-256 of a session id: what the store keeps instead of the id. */
  public static String hash(String sessionId) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
