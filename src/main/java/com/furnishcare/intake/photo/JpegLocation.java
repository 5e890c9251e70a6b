package com.furnishcare.intake.photo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Removes where a JPEG was taken, with Apache Commons Imaging: the EXIF GPS directory (and the pointer to
 * it) goes, the rest of the EXIF stays — above all the orientation, without which a phone photo shows
 * sideways. XMP packets are removed whole, as they can repeat the position ({@code exif:GPSLatitude}).
 * An EXIF block Commons Imaging cannot rewrite is removed whole rather than kept.
 */
final class JpegLocation {

  private JpegLocation() {}

  static byte[] strip(byte[] jpeg) throws PhotoRefused {
    try {
      byte[] withoutGps = withoutGps(jpeg);
      ByteArrayOutputStream out = new ByteArrayOutputStream(withoutGps.length);
      new JpegXmpRewriter().removeXmpXml(withoutGps, out);
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new PhotoRefused(PhotoRefused.Reason.NOT_AN_IMAGE, "the photo starts like a JPEG but cannot be read as one");
    }
  }

  private static byte[] withoutGps(byte[] jpeg) throws IOException {
    TiffImageMetadata exif;
    try {
      exif = Imaging.getMetadata(jpeg) instanceof JpegImageMetadata metadata ? metadata.getExif() : null;
    } catch (ImagingException | RuntimeException unreadableExif) {
      return withoutExif(jpeg); // better no EXIF at all than a position we could not find
    }
    if (exif == null) {
      return jpeg;
    }
    try {
      TiffOutputSet all = exif.getOutputSet();
      if (all.getGpsDirectory() == null && all.findField(ExifTagConstants.EXIF_TAG_GPSINFO) == null) {
        return jpeg;
      }
      TiffOutputSet kept = new TiffOutputSet(all.byteOrder);
      for (TiffOutputDirectory directory : all) {
        if (directory.getType() != TiffDirectoryConstants.DIRECTORY_TYPE_GPS) {
          kept.addDirectory(directory);
        }
      }
      kept.removeField(ExifTagConstants.EXIF_TAG_GPSINFO);
      ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
      new ExifRewriter().updateExifMetadataLossless(jpeg, out, kept);
      return out.toByteArray();
    } catch (ImagingException | RuntimeException unwritableExif) {
      return withoutExif(jpeg);
    }
  }

  private static byte[] withoutExif(byte[] jpeg) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
    new ExifRewriter().removeExifMetadata(jpeg, out);
    return out.toByteArray();
  }
}
