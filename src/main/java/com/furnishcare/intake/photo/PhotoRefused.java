package com.furnishcare.intake.photo;

/** A photo the gateway does not keep, with the reason in words a client developer can act on. */
public final class PhotoRefused extends Exception {

  /** Why: the HTTP door answers 415 for {@link #NOT_AN_IMAGE}, 413 for {@link #TOO_LARGE}. */
  public enum Reason { NOT_AN_IMAGE, TOO_LARGE }

  private final Reason reason;

  public PhotoRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
