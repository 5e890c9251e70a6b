package com.furnishcare.intake.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data (PIPL) in text bound for logs: mobile numbers and resident ID numbers. */
public final class PersonalData {

  // Not preceded or followed by another digit, so order numbers such as DD2026110301 stay readable.
  private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?(\\d{4})[- ]?(\\d{4})(?!\\d)");
  private static final Pattern RESIDENT_ID = Pattern.compile("(?<![\\dA-Za-z])(\\d{6})\\d{8}(\\d{3}[\\dXx])(?![\\dA-Za-z])");

  private PersonalData() {}

  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = MOBILE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "****" + m.group(3)));
    return RESIDENT_ID.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "********" + m.group(2)));
  }
}
