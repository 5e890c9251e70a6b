package com.furnishcare.intake.photo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Removes where a WebP was taken: its RIFF container keeps metadata in {@code EXIF} and {@code XMP }
 * chunks, which are dropped; the extended header's flags that announce them are cleared and the RIFF
 * size is recomputed. Image chunks are copied byte for byte.
 */
final class WebpLocation {

  /** VP8X flag bits (RFC 9649, 2.7): EXIF metadata present, XMP metadata present. */
  private static final int EXIF_FLAG = 0x08;
  private static final int XMP_FLAG = 0x04;

  private WebpLocation() {}

  static byte[] strip(byte[] webp) throws PhotoRefused {
    long declared = ByteBuffer.wrap(webp, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    long end = Math.min(webp.length, 8 + declared);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream(webp.length);
    int at = 12;
    while (at + 8 <= end) {
      String type = new String(webp, at, 4, StandardCharsets.ISO_8859_1);
      long size = ByteBuffer.wrap(webp, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
      long next = at + 8 + size + (size & 1); // chunks are padded to an even length
      if (at + 8 + size > end) {
        throw new PhotoRefused(PhotoRefused.Reason.NOT_AN_IMAGE, "the photo starts like a WebP but its chunks are cut short");
      }
      if (!type.equals("EXIF") && !type.equals("XMP ")) {
        int from = chunks.size();
        chunks.write(webp, at, (int) (Math.min(next, end) - at));
        if (type.equals("VP8X") && size > 0) {
          byte[] sofar = chunks.toByteArray();
          sofar[from + 8] = (byte) (sofar[from + 8] & ~(EXIF_FLAG | XMP_FLAG));
          chunks.reset();
          chunks.write(sofar, 0, sofar.length);
        }
      }
      at = (int) next;
    }
    byte[] body = chunks.toByteArray();
    ByteBuffer out = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(webp, 0, 4).putInt(4 + body.length).put(webp, 8, 4).put(body);
    return out.array();
  }
}
