package com.furnishcare.intake.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Small real images for the photo tests, made here: JPEG with GPS EXIF, PNG with eXIf, WebP and HEIF shells. */
public final class TestPhotos {

  /** Where the test photos were "taken": Chengdu. */
  public static final double LONGITUDE = 104.0657;
  public static final double LATITUDE = 30.6595;

  private TestPhotos() {}

  public static byte[] plainJpeg() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(picture(), "jpg", out);
    return out.toByteArray();
  }

  /** A JPEG as a phone makes it: EXIF with the orientation (rotated 90°) and the GPS position. */
  public static byte[] jpegWithGps() throws Exception {
    TiffOutputSet exif = new TiffOutputSet();
    exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) 6);
    exif.setGpsInDegrees(LONGITUDE, LATITUDE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ExifRewriter().updateExifMetadataLossless(plainJpeg(), out, exif);
    return out.toByteArray();
  }

  /** A PNG with an eXIf chunk (whose content is only marked, not parsed) right after IHDR. */
  public static byte[] pngWithExif() throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    ImageIO.write(picture(), "png", plain);
    byte[] png = plain.toByteArray();
    int afterIhdr = 8 + 12 + 13;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterIhdr);
    out.write(pngChunk("eXIf", "MM\0*GPS-30.6595-104.0657".getBytes(StandardCharsets.ISO_8859_1)));
    out.write(png, afterIhdr, png.length - afterIhdr);
    return out.toByteArray();
  }

  private static byte[] pngChunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1))
        .put(data).putInt((int) crc.getValue()).array();
  }

  /** An extended WebP: VP8X announcing EXIF and XMP, an image chunk, an EXIF and an XMP chunk. */
  public static byte[] webpWithExif() {
    byte[] vp8x = new byte[10];
    vp8x[0] = 0x0c; // EXIF and XMP flags
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes(riffChunk("VP8X", vp8x));
    chunks.writeBytes(riffChunk("VP8L", "image data".getBytes(StandardCharsets.ISO_8859_1)));
    chunks.writeBytes(riffChunk("EXIF", "MM\0*GPS-30.6595".getBytes(StandardCharsets.ISO_8859_1)));
    chunks.writeBytes(riffChunk("XMP ", "<x:xmpmeta>GPSLatitude</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1)));
    byte[] body = chunks.toByteArray();
    return ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN).put(ascii("RIFF"))
        .putInt(4 + body.length).put(ascii("WEBP")).put(body).array();
  }

  private static byte[] riffChunk(String type, byte[] data) {
    int padded = data.length + (data.length & 1);
    return ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN).put(ascii(type)).putInt(data.length)
        .put(data).array();
  }

  /** The EXIF payload the HEIF shell carries in its mdat. */
  public static final byte[] HEIF_EXIF = "\0\0\0\6Exif\0\0MM\0*GPS-30.6595-104.0657".getBytes(StandardCharsets.ISO_8859_1);
  public static final byte[] HEIF_IMAGE = "hevc coded picture".getBytes(StandardCharsets.ISO_8859_1);

  /**
   * A HEIC as an iPhone lays it out, reduced to the boxes that matter: ftyp heic, meta with an item info
   * list (item 1 the picture, item 2 Exif) and an item location table pointing into mdat.
   */
  public static byte[] heicWithExif() {
    byte[] ftyp = box("ftyp", concat(ascii("heic"), new byte[4], ascii("mif1"), ascii("heic")));
    byte[] hdlr = fullBox("hdlr", 0, concat(new byte[4], ascii("pict"), new byte[12], new byte[] {0}));
    byte[] infe1 = fullBox("infe", 2, concat(u16(1), u16(0), ascii("hvc1"), new byte[] {0}));
    byte[] infe2 = fullBox("infe", 2, concat(u16(2), u16(0), ascii("Exif"), new byte[] {0}));
    byte[] iinf = fullBox("iinf", 0, concat(u16(2), infe1, infe2));
    // iloc v0: offset_size 4, length_size 4, base_offset_size 0; the offsets are patched below.
    int ilocBodyLength = 2 + 2 + 2 * (2 + 2 + 2 + 4 + 4);
    int metaLength = 12 + hdlr.length + iinf.length + 12 + ilocBodyLength;
    int mdatStart = ftyp.length + metaLength;
    int imageAt = mdatStart + 8;
    int exifAt = imageAt + HEIF_IMAGE.length;
    byte[] iloc = fullBox("iloc", 0, concat(new byte[] {0x44, 0x00}, u16(2),
        u16(1), u16(0), u16(1), u32(imageAt), u32(HEIF_IMAGE.length),
        u16(2), u16(0), u16(1), u32(exifAt), u32(HEIF_EXIF.length)));
    byte[] meta = fullBox("meta", 0, concat(hdlr, iinf, iloc));
    byte[] mdat = box("mdat", concat(HEIF_IMAGE, HEIF_EXIF));
    if (meta.length != metaLength) {
      throw new IllegalStateException("HEIF shell miscounted: " + meta.length + " vs " + metaLength);
    }
    return concat(ftyp, meta, mdat);
  }

  private static byte[] box(String type, byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length).putInt(8 + payload.length).put(ascii(type)).put(payload).array();
  }

  private static byte[] fullBox(String type, int version, byte[] payload) {
    return box(type, concat(new byte[] {(byte) version, 0, 0, 0}, payload));
  }

  private static byte[] u16(int value) {
    return ByteBuffer.allocate(2).putShort((short) value).array();
  }

  private static byte[] u32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static BufferedImage picture() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(0xc8, 0xa0, 0x78)); // a wardrobe door
    g.fillRect(0, 0, 64, 48);
    g.setColor(new Color(0x80, 0x60, 0x40));
    g.fillRect(20, 0, 24, 48);
    g.dispose();
    return image;
  }
}
