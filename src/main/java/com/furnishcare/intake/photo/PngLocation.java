package com.furnishcare.intake.photo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Removes where a PNG was taken: PNG keeps EXIF in an {@code eXIf} chunk, and tools also put it (or XMP
 * with GPS fields) in text chunks keyed {@code Raw profile type exif/APP1/xmp} or
 * {@code XML:com.adobe.xmp}. Those chunks are dropped; every other chunk is copied byte for byte, so the
 * picture itself is untouched and no CRC needs recomputing. Anything after IEND is dropped too.
 */
final class PngLocation {

  private static final int SIGNATURE = 8;

  private PngLocation() {}

  static byte[] strip(byte[] png) throws PhotoRefused {
    ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
    out.write(png, 0, SIGNATURE);
    int at = SIGNATURE;
    while (true) {
      if (at + 12 > png.length) {
        throw unreadable();
      }
      long length = ByteBuffer.wrap(png, at, 4).getInt() & 0xffffffffL;
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      long end = at + 12L + length; // length, type, data, CRC
      if (end > png.length) {
        throw unreadable();
      }
      if (!locationBearing(type, png, at + 8, (int) length)) {
        out.write(png, at, (int) (end - at));
      }
      at = (int) end;
      if (type.equals("IEND")) {
        return out.toByteArray();
      }
    }
  }

  private static boolean locationBearing(String type, byte[] png, int data, int length) {
    if (type.equals("eXIf")) {
      return true;
    }
    if (!type.equals("tEXt") && !type.equals("zTXt") && !type.equals("iTXt")) {
      return false;
    }
    int nul = data;
    while (nul < data + length && png[nul] != 0) {
      nul++;
    }
    String keyword = new String(png, data, nul - data, StandardCharsets.ISO_8859_1);
    return keyword.equals("XML:com.adobe.xmp") || keyword.startsWith("Raw profile type");
  }

  private static PhotoRefused unreadable() {
    return new PhotoRefused(PhotoRefused.Reason.NOT_AN_IMAGE, "the photo starts like a PNG but its chunks are cut short");
  }
}
