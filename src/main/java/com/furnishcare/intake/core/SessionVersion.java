package com.furnishcare.intake.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The version of a stored session: the token its stored text starts with ({@link #TOKEN_PREFIX}, a fresh random
 * token on every write), {@link #NONE} when none is stored.
 *
 * <p>Why a token rather than a hash of the text: the check runs in the commit script on every turn, and a hash
 * meant reading the whole session into Lua and hashing it there (about 7 of the commit's 25 µs for a 3 KB
 * session, measured on an idle Redis 7.0), besides hashing it in Java at every claim. A token at a fixed place
 * is read with {@code GETRANGE} of its first bytes. A fresh random token per write also has no ABA: two
 * histories that end in the same text still differ.
 *
 * <p>A session text without the token (written before this form, or by an older gateway in a rolling upgrade,
 * which keeps no unknown field when it writes) has the SHA-1 of its text as its version, as Lua's
 * {@code redis.sha1hex} computes it: so the check holds across processes of both versions.
 */
public final class SessionVersion {

  /** No session stored (never was, or it expired). */
  public static final String NONE = "none";
  /** Commit without comparing: last writer wins. For tools and tests that write outside a conversation turn. */
  public static final String ANY = "";
  /** How a stored session text with a token starts; the token follows, then a closing quote. */
  public static final String TOKEN_PREFIX = "{\"v\":\"";
  /** Hex digits of a token (64 random bits): never the length of a SHA-1 (40) nor of {@link #NONE}. */
  public static final int TOKEN_LENGTH = 16;

  private SessionVersion() {}

  /** A new token for a session text about to be written. */
  public static String fresh() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /** The version of a session stored as {@code storedText}: its token, or else its SHA-1. */
  public static String of(String storedText) {
    int end = TOKEN_PREFIX.length() + TOKEN_LENGTH;
    if (storedText.startsWith(TOKEN_PREFIX) && storedText.length() > end && storedText.charAt(end) == '"') {
      return storedText.substring(TOKEN_PREFIX.length(), end);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(storedText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
