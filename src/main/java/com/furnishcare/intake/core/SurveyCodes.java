package com.furnishcare.intake.core;

import java.security.SecureRandom;

/**
 * Codes for the survey page ({@code /s/{code}}): 6 characters, because a Tencent SMS template variable
 * holds at most 6, from 32 symbols without look-alikes (no 0/O, 1/I): 32⁶ ≈ 1.07·10⁹ codes. Drawn from a
 * {@link SecureRandom}; the store makes them unique.
 */
public final class SurveyCodes {

  public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  public static final int LENGTH = 6;

  private final SecureRandom random;

  public SurveyCodes(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    char[] code = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return new String(code);
  }

  /** The code as stored (upper case), or empty when it cannot be one of ours. */
  public static java.util.Optional<String> normalise(String raw) {
    if (raw == null || raw.length() != LENGTH) {
      return java.util.Optional.empty();
    }
    String upper = raw.toUpperCase(java.util.Locale.ROOT);
    for (int i = 0; i < LENGTH; i++) {
      if (ALPHABET.indexOf(upper.charAt(i)) < 0) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(upper);
  }
}
