package com.furnishcare.intake.photo;

/**
 * What every photo goes through before it is kept, whichever door it came in by: a size limit, a
 * format recognised by its content, and the removal of where it was taken. CPU work on up to megabytes:
 * run it on a worker thread ({@link PhotoIntake} does).
 */
public final class PhotoCheck {

  /** A photo fit to keep: its real type and its bytes without location. */
  public record Checked(PhotoType type, byte[] bytes) {}

  private PhotoCheck() {}

  public static Checked clean(byte[] bytes, long maxBytes) throws PhotoRefused {
    if (bytes.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    PhotoType type = PhotoType.detect(bytes).orElseThrow(() -> new PhotoRefused(PhotoRefused.Reason.NOT_AN_IMAGE,
        "only JPEG, PNG, WebP and HEIC/HEIF photos are accepted, and this file is none of them"));
    byte[] clean = switch (type) {
      case JPEG -> JpegLocation.strip(bytes);
      case PNG -> PngLocation.strip(bytes);
      case WEBP -> WebpLocation.strip(bytes);
      case HEIF -> HeifLocation.strip(bytes);
    };
    return new Checked(type, clean);
  }

  public static PhotoRefused tooLarge(long maxBytes) {
    return new PhotoRefused(PhotoRefused.Reason.TOO_LARGE, "the photo is larger than " + readable(maxBytes)
        + " (" + maxBytes + " bytes); send a smaller one");
  }

  /** 10485760 → "10 MB"; other limits as they are. */
  static String readable(long bytes) {
    long mb = 1024L * 1024;
    return bytes % mb == 0 ? bytes / mb + " MB" : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }
}
