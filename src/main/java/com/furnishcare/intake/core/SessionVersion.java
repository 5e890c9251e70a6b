package com.furnishcare.intake.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version of a stored session: the SHA-1 of its stored text, {@link #NONE} when none is stored. A
 * content hash rather than a counter keeps the stored form as it is (no field to migrate) and is what Redis
 * computes itself in a script ({@code redis.sha1hex}). Two different histories that end in byte-identical
 * sessions have the same version; a turn decided on either is then decided on the same state, so accepting
 * it loses nothing.
 */
public final class SessionVersion {

  /** No session stored (never was, or it expired). */
  public static final String NONE = "none";
  /** Commit without comparing: last writer wins. For tools and tests that write outside a conversation turn. */
  public static final String ANY = "";

  private SessionVersion() {}

  /** The version of a session stored as {@code storedText} (UTF-8 bytes, as Lua's redis.sha1hex sees them). */
  public static String of(String storedText) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(storedText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
