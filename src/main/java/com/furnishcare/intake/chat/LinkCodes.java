package com.furnishcare.intake.chat;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The short codes of web-chat links sent by SMS. A Tencent Cloud SMS template variable holds at most 6
 * characters outside verification-code templates ("非验证码短信：每个变量取值最多支持6个字符", and a link
 * itself may not be a variable: https://cloud.tencent.com/document/product/382/13301), so the URL prefix is
 * fixed in the template and the code is its one variable: 6 characters.
 *
 * <p>The alphabet is letters and digits without the look-alikes 0/O/o, 1/I/l: 56 symbols, so
 * 56^6 ≈ 3.08·10^10 codes (34.8 bits). The code is a bearer credential for 7 days, so it must resist
 * guessing: redeeming is limited to RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN (10) per address and minute, so
 * with 10,000 live links one address needs about 3.08·10^6 tries per hit, over 200 days at that rate.
 * Codes are case-sensitive: the homeowner taps the link, nobody types it.
 */
public final class LinkCodes {

  /** Length of every code: the provider's variable limit. */
  public static final int LENGTH = 6;
  static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz";
  /** What a well-formed code looks like; anything else is not looked up. */
  public static final Pattern FORMAT = Pattern.compile("[2-9A-HJ-NP-Za-km-np-z]{" + LENGTH + "}");

  private final SecureRandom random;

  public LinkCodes(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }
}
