package com.furnishcare.intake.photo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.TestPhotos;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.junit.jupiter.api.Test;

/** Photos are recognised by their bytes, and leave the check without where they were taken. */
class PhotoCheckTest {

  private static final long TEN_MB = 10L * 1024 * 1024;

  @Test
  void aJpegLosesItsGpsButKeepsItsOrientationAndPicture() throws Exception {
    byte[] original = TestPhotos.jpegWithGps();
    JpegImageMetadata before = (JpegImageMetadata) Imaging.getMetadata(original);
    assertNotNull(before.getExif().getGpsInfo(), "the test photo must carry a position to begin with");
    assertEquals(TestPhotos.LATITUDE, before.getExif().getGpsInfo().getLatitudeAsDegreesNorth(), 1e-4);

    PhotoCheck.Checked checked = PhotoCheck.clean(original, TEN_MB);

    assertEquals(PhotoType.JPEG, checked.type());
    JpegImageMetadata after = (JpegImageMetadata) Imaging.getMetadata(checked.bytes());
    assertNull(after.getExif().getGpsInfo(), "GPS left in the stored photo");
    assertNull(after.getExif().findField(org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants.EXIF_TAG_GPSINFO));
    assertEquals(6, after.getExif().findField(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue(), "orientation kept");
    var image = ImageIO.read(new ByteArrayInputStream(checked.bytes()));
    assertEquals(64, image.getWidth(), "the picture itself is intact");
  }

  @Test
  void aJpegWithoutExifPassesUnchanged() throws Exception {
    byte[] plain = TestPhotos.plainJpeg();
    assertArrayEquals(plain, PhotoCheck.clean(plain, TEN_MB).bytes());
  }

  @Test
  void aPngLosesItsExifChunkAndStillDecodes() throws Exception {
    byte[] original = TestPhotos.pngWithExif();
    assertTrue(contains(original, "eXIf"));
    PhotoCheck.Checked checked = PhotoCheck.clean(original, TEN_MB);
    assertEquals(PhotoType.PNG, checked.type());
    assertFalse(contains(checked.bytes(), "eXIf"));
    assertFalse(contains(checked.bytes(), "GPS"));
    assertEquals(64, ImageIO.read(new ByteArrayInputStream(checked.bytes())).getWidth());
  }

  @Test
  void aWebpLosesItsExifAndXmpChunksAndTheirFlags() throws Exception {
    PhotoCheck.Checked checked = PhotoCheck.clean(TestPhotos.webpWithExif(), TEN_MB);
    byte[] out = checked.bytes();
    assertEquals(PhotoType.WEBP, checked.type());
    assertFalse(contains(out, "EXIF") || contains(out, "XMP ") || contains(out, "GPS"));
    assertTrue(contains(out, "image data"), "the image chunk stays");
    assertEquals(out.length - 8, ByteBuffer.wrap(out, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), "RIFF size");
    assertEquals(0, out[20] & 0x0c, "VP8X no longer announces EXIF or XMP");
  }

  @Test
  void aHeicHasItsExifItemZeroedInPlace() throws Exception {
    byte[] original = TestPhotos.heicWithExif();
    PhotoCheck.Checked checked = PhotoCheck.clean(original, TEN_MB);
    assertEquals(PhotoType.HEIF, checked.type());
    byte[] out = checked.bytes();
    assertEquals(original.length, out.length, "offsets stay valid: nothing moves");
    assertFalse(contains(out, "GPS"));
    assertTrue(contains(out, "hevc coded picture"), "the picture item is untouched");
    int exifAt = original.length - TestPhotos.HEIF_EXIF.length;
    assertArrayEquals(new byte[TestPhotos.HEIF_EXIF.length], Arrays.copyOfRange(out, exifAt, out.length));
    assertArrayEquals(Arrays.copyOf(original, exifAt), Arrays.copyOf(out, exifAt));
  }

  @Test
  void aHeicWhoseExifCannotBeLocatedIsRefusedNotKept() throws Exception {
    byte[] cut = Arrays.copyOf(TestPhotos.heicWithExif(), TestPhotos.heicWithExif().length - 10);
    PhotoRefused refused = assertThrows(PhotoRefused.class, () -> PhotoCheck.clean(cut, TEN_MB));
    assertEquals(PhotoRefused.Reason.NOT_AN_IMAGE, refused.reason());
  }

  @Test
  void theTypeComesFromTheBytesNeverFromANameOrHeader() {
    for (String notAPhoto : new String[] {"GIF89a......", "%PDF-1.7\n", "<html><script>alert(1)</script>",
        "\u0000\u0000\u0000\u0018ftypavif", "RIFF\u0000\u0000\u0000\u0000WAVEfmt ", ""}) {
      PhotoRefused refused = assertThrows(PhotoRefused.class,
          () -> PhotoCheck.clean(notAPhoto.getBytes(StandardCharsets.ISO_8859_1), TEN_MB), notAPhoto);
      assertEquals(PhotoRefused.Reason.NOT_AN_IMAGE, refused.reason());
      assertTrue(refused.getMessage().contains("JPEG, PNG, WebP and HEIC"), refused.getMessage());
    }
  }

  @Test
  void aPhotoOverTheLimitIsRefusedWithTheLimitInWords() throws Exception {
    byte[] jpeg = TestPhotos.plainJpeg();
    PhotoRefused refused = assertThrows(PhotoRefused.class, () -> PhotoCheck.clean(jpeg, 200));
    assertEquals(PhotoRefused.Reason.TOO_LARGE, refused.reason());
    assertTrue(refused.getMessage().contains("larger than 200 bytes"), refused.getMessage());
    assertEquals("64 KB", PhotoCheck.readable(64 * 1024));
    assertEquals("10 MB", PhotoCheck.readable(TEN_MB));
  }

  @Test
  void aTruncatedJpegOrPngIsRefused() throws Exception {
    byte[] png = TestPhotos.pngWithExif();
    assertThrows(PhotoRefused.class, () -> PhotoCheck.clean(Arrays.copyOf(png, 40), TEN_MB));
  }

  private static boolean contains(byte[] bytes, String ascii) {
    byte[] needle = ascii.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
