package com.furnishcare.intake.photo;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes where a HEIC/HEIF was taken. HEIF keeps EXIF (and XMP) as items of the {@code meta} box, their
 * bytes found through the item location box ({@code iloc}). Rewriting the file would mean moving every
 * offset in it; instead the bytes of each {@code Exif} item and each XMP item (a {@code mime} item of
 * type {@code application/rdf+xml}) are overwritten with zeros where they lie, which keeps every offset
 * valid and leaves nothing to read (HEIF shows orientation with its own {@code irot}/{@code imir}
 * properties, not EXIF). A file whose metadata items cannot be located exactly — stored inside another
 * item, or "to the end of the file" — is refused rather than kept with its position.
 */
final class HeifLocation {

  private HeifLocation() {}

  static byte[] strip(byte[] heif) throws PhotoRefused {
    try {
      byte[] out = heif.clone();
      ByteBuffer file = ByteBuffer.wrap(heif);
      Box meta = find(file, 0, heif.length, "meta").orElse(null);
      if (meta == null) {
        return out; // no items, so no EXIF
      }
      int children = meta.payload + 4; // meta is a full box: version and flags first
      Box iinf = find(file, children, meta.end, "iinf").orElse(null);
      Box iloc = find(file, children, meta.end, "iloc").orElse(null);
      Box idat = find(file, children, meta.end, "idat").orElse(null);
      if (iinf == null) {
        return out;
      }
      Set<Long> metadataItems = metadataItems(file, iinf);
      if (metadataItems.isEmpty()) {
        return out;
      }
      if (iloc == null) {
        throw cannot();
      }
      for (long[] extent : extents(file, iloc, metadataItems, idat)) {
        java.util.Arrays.fill(out, (int) extent[0], (int) (extent[0] + extent[1]), (byte) 0);
      }
      return out;
    } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new PhotoRefused(PhotoRefused.Reason.NOT_AN_IMAGE, "the photo starts like a HEIC/HEIF but its boxes are cut short");
    }
  }

  private record Box(String type, int payload, int end) {}

  private static java.util.Optional<Box> find(ByteBuffer file, int from, int to, String wanted) {
    int at = from;
    while (at + 8 <= to) {
      long size = file.getInt(at) & 0xffffffffL;
      String type = fourCc(file, at + 4);
      int header = 8;
      if (size == 1) {
        size = file.getLong(at + 8);
        header = 16;
      } else if (size == 0) {
        size = to - at;
      }
      if (size < header || at + size > to) {
        throw new IllegalArgumentException("box " + type + " overruns its parent");
      }
      if (type.equals(wanted)) {
        return java.util.Optional.of(new Box(type, at + header, (int) (at + size)));
      }
      at += (int) size;
    }
    return java.util.Optional.empty();
  }

  /** Ids of the Exif items and XMP items listed in the item information box. */
  private static Set<Long> metadataItems(ByteBuffer file, Box iinf) {
    int version = file.get(iinf.payload) & 0xff;
    int at = iinf.payload + 4 + (version == 0 ? 2 : 4);
    Set<Long> found = new HashSet<>();
    while (at + 8 <= iinf.end) {
      Box infe = find(file, at, iinf.end, "infe").orElse(null);
      if (infe == null) {
        break;
      }
      int infeVersion = file.get(infe.payload) & 0xff;
      if (infeVersion >= 2) {
        int p = infe.payload + 4;
        long id = infeVersion == 2 ? file.getShort(p) & 0xffff : file.getInt(p) & 0xffffffffL;
        p += infeVersion == 2 ? 2 : 4;
        p += 2; // item_protection_index
        String type = fourCc(file, p);
        p += 4;
        int nameEnd = zeroAfter(file, p, infe.end);
        String contentType = type.equals("mime") ? string(file, nameEnd + 1, zeroAfter(file, nameEnd + 1, infe.end)) : "";
        if (type.equals("Exif") || contentType.equals("application/rdf+xml")) {
          found.add(id);
        }
      }
      at = infe.end;
    }
    return found;
  }

  /** {offset, length} in the file of every extent of the given items. */
  private static List<long[]> extents(ByteBuffer file, Box iloc, Set<Long> items, Box idat) throws PhotoRefused {
    int version = file.get(iloc.payload) & 0xff;
    int p = iloc.payload + 4;
    int sizes = file.get(p) & 0xff;
    int offsetSize = sizes >> 4;
    int lengthSize = sizes & 0xf;
    int sizes2 = file.get(p + 1) & 0xff;
    int baseOffsetSize = sizes2 >> 4;
    int indexSize = version == 1 || version == 2 ? sizes2 & 0xf : 0;
    p += 2;
    long count = version < 2 ? file.getShort(p) & 0xffff : file.getInt(p) & 0xffffffffL;
    p += version < 2 ? 2 : 4;
    List<long[]> found = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      long id = version < 2 ? file.getShort(p) & 0xffff : file.getInt(p) & 0xffffffffL;
      p += version < 2 ? 2 : 4;
      int method = 0;
      if (version == 1 || version == 2) {
        method = file.getShort(p) & 0xf;
        p += 2;
      }
      p += 2; // data_reference_index
      long base = number(file, p, baseOffsetSize);
      p += baseOffsetSize;
      int extentCount = file.getShort(p) & 0xffff;
      p += 2;
      for (int e = 0; e < extentCount; e++) {
        p += indexSize;
        long offset = number(file, p, offsetSize);
        p += offsetSize;
        long length = number(file, p, lengthSize);
        p += lengthSize;
        if (!items.contains(id)) {
          continue;
        }
        long start;
        long limit;
        if (method == 0) {
          start = base + offset;
          limit = file.limit();
        } else if (method == 1 && idat != null) {
          start = idat.payload + base + offset;
          limit = idat.end;
        } else {
          throw cannot(); // stored inside another item: no exact place to clear
        }
        if (length == 0 || start < 0 || start + length > limit) {
          throw cannot();
        }
        found.add(new long[] {start, length});
      }
    }
    return found;
  }

  private static long number(ByteBuffer file, int at, int size) {
    return switch (size) {
      case 0 -> 0;
      case 4 -> file.getInt(at) & 0xffffffffL;
      case 8 -> file.getLong(at);
      default -> throw new IllegalArgumentException("iloc field size " + size);
    };
  }

  private static int zeroAfter(ByteBuffer file, int from, int end) {
    int at = from;
    while (at < end && file.get(at) != 0) {
      at++;
    }
    return at;
  }

  private static String string(ByteBuffer file, int from, int to) {
    byte[] bytes = new byte[Math.max(0, to - from)];
    file.get(from, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String fourCc(ByteBuffer file, int at) {
    byte[] bytes = new byte[4];
    file.get(at, bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static PhotoRefused cannot() {
    return new PhotoRefused(PhotoRefused.Reason.NOT_AN_IMAGE,
        "the HEIC/HEIF photo keeps its EXIF in a way the gateway cannot clear; send it as JPEG instead");
  }
}
