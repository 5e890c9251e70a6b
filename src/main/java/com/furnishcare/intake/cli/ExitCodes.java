package com.furnishcare.intake.cli;

/** The gateway's exit statuses, documented in README (Configuration). */
public final class ExitCodes {

  public static final int OK = 0;
  /** The gateway could not start or stop cleanly for a reason other than its configuration. */
  public static final int FAILED = 1;
  /** A variable, a dialog, knowledge-base, grading, dealers or routing file is not valid. */
  public static final int CONFIGURATION = 2;
  /** The configuration is valid but Redis or Request Tracker did not answer ({@code --check}). */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}
}
