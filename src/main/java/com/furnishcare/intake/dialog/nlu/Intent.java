package com.furnishcare.intake.dialog.nlu;

import java.util.Locale;

/** What a message asks for, beyond the facts it carries. */
public enum Intent {
  ESCALATE,
  HUMAN,
  CANCEL,
  RESTART,
  CORRECT,
  PROGRESS,
  HELP,
  COMPLAINT,
  GREETING,
  /** Thanks or a bare acknowledgement ("谢谢", "好的", "收到"): nothing to look up. */
  THANKS,
  /** The message asks something (answered from the FAQ, not filed as a complaint). */
  QUESTION;

  public static Intent parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
