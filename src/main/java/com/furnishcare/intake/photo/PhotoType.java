package com.furnishcare.intake.photo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The image formats the gateway keeps, recognised by their first bytes only: a declared Content-Type,
 * a file name or a WeChat header says what the sender claims, the magic bytes say what the file is.
 */
public enum PhotoType {
  JPEG("image/jpeg"),
  PNG("image/png"),
  WEBP("image/webp"),
  /** HEIC/HEIF, what iPhones take by default: an ISO base media file whose ftyp names an HEIF brand. */
  HEIF("image/heic");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** Major brands of HEIF still images (heic/heix: HEVC-coded; mif1/msf1: generic image/sequence; hevc). */
  private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "mif1", "msf1", "hevc");

  private final String contentType;

  PhotoType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** What {@code bytes} are, by their signature; empty for anything else (GIF, PDF, HTML, a script …). */
  public static Optional<PhotoType> detect(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
      return Optional.of(JPEG);
    }
    if (bytes.length >= 8 && Arrays.equals(bytes, 0, 8, PNG_SIGNATURE, 0, 8)) {
      return Optional.of(PNG);
    }
    if (bytes.length >= 12 && ascii(bytes, 0).equals("RIFF") && ascii(bytes, 8).equals("WEBP")) {
      return Optional.of(WEBP);
    }
    if (bytes.length >= 12 && ascii(bytes, 4).equals("ftyp") && HEIF_BRANDS.contains(ascii(bytes, 8))) {
      return Optional.of(HEIF);
    }
    return Optional.empty();
  }

  private static String ascii(byte[] bytes, int offset) {
    return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
  }
}
