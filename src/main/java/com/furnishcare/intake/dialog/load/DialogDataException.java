package com.furnishcare.intake.dialog.load;

/** A dialog data file is wrong; the message reads {@code file:line: reason}. */
public final class DialogDataException extends Exception {
  public DialogDataException(String message) {
    super(message);
  }
}
