package com.furnishcare.intake.faq;

import java.util.List;
import java.util.Random;

/** Long messages of every kind, as a homeowner may paste them: for tests that any text is safe to search. */
public final class LongTexts {

  private LongTexts() {}

  /** About 2,000 characters: what the web chat lets through in one message. */
  public static final int LONG = 2000;

  /** {@code n} CJK characters drawn from the whole common block, so almost every word is distinct. */
  public static String randomCjk(long seed, int n) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    while (text.length() < n) {
      text.append((char) (0x4e00 + random.nextInt(0x9fa5 - 0x4e00)));
      if (random.nextInt(12) == 0) {
        text.append(random.nextBoolean() ? '，' : '。');
      }
    }
    return text.substring(0, n);
  }

  /** A few hundred distinct latin words. */
  public static String latinWords(long seed, int n) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    while (text.length() < n) {
      int length = 3 + random.nextInt(6);
      for (int i = 0; i < length; i++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      text.append(random.nextInt(10) == 0 ? ". " : " ");
    }
    return text.substring(0, n);
  }

  /** CJK, digits, latin, punctuation and emoji, mixed. */
  public static String mixed(long seed, int n) {
    Random random = new Random(seed);
    String[] pieces = {"柜门", "123", "！！", "😡", "🙏🏻", "abc", "……", "#", "？", "ＤＤ２０２６", "门板色差", " ", "\n", "%", "2026-11-03"};
    StringBuilder text = new StringBuilder();
    while (text.length() < n) {
      text.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)] : randomCjk(random.nextLong(), 3));
    }
    return text.substring(0, n);
  }

  /** One of each kind, {@link #LONG} characters each. */
  public static List<String> all() {
    return List.of(randomCjk(1, LONG), latinWords(3, LONG), mixed(4, LONG), "柜门关不上，".repeat(LONG / 6));
  }
}
