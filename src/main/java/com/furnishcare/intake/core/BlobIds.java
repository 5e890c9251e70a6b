package com.furnishcare.intake.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Blob ids: 32 lower-case hex characters (128 bits of a SHA-256), safe as a file name and in a URL.
 * An id is derived, not random, so that doing the same thing twice lands on the same blob: the same
 * photo uploaded again by the same conversation, or the same WeChat media id delivered again by a
 * WeChat retry. The owner is part of the hash, so two conversations never share a blob.
 */
public final class BlobIds {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private BlobIds() {}

  /** The id of these bytes from this owner. */
  public static String ofContent(String owner, byte[] bytes) {
    MessageDigest sha = sha256();
    sha.update(("content\0" + owner + "\0").getBytes(StandardCharsets.UTF_8));
    sha.update(bytes);
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  /**
   * The id of a photo known by a channel's reference before its bytes are here (a WeChat MediaId): the
   * conversation can name the photo at once while the download is still running.
   */
  public static String ofSource(String owner, String sourceReference) {
    MessageDigest sha = sha256();
    sha.update(("source\0" + owner + "\0" + sourceReference).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  public static boolean isValid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
