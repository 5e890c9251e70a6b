package com.furnishcare.intake.dialog.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops give exactly what the character-class regexes they replaced gave, on random mixed text. */
class CharsTest {

  /** CJK (filler and not), Latin, digits, every punctuation and space the classes name, a surrogate pair, others. */
  private static final String ALPHABET = "柜门的了吧啊我要想请一下个不没是哦呢嘛哈abzAZ09,.;!?:~ \t\n\u000B\f\r\"'()[]…"
      + "？，。！\ufe56\u2753\u2754\u2047\u2048\u2049\u3000\u00a0\u9fa5\u9fa6\u4e00\u4dff😀";

  @Test
  void removingAndFindingAgreeWithTheRegexes() {
    Random random = new Random(20261203);
    Chars.Kind punctuation = c -> Chars.isRegexSpace(c) || ",.;!?:~\"'()[]…".indexOf(c) >= 0;
    Chars.Kind categoryFiller = Chars.among("的了吧啊呀呢哦嘛吗我你他她们是就这那个些点很太都也还挺真算");
    Pattern notWord = Pattern.compile("[^\\u4e00-\\u9fa5a-z0-9]");
    Pattern filler = Pattern.compile("[的了吧啊呀呢哦嘛吗我你他她们是就这那个些点很太都也还挺真算]");
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random, ALPHABET);
      assertEquals(Pattern.compile("[,.;!?:~\\s\"'()\\[\\]…]+").matcher(text).replaceAll(""),
          Chars.remove(text, punctuation), text);
      assertEquals(notWord.matcher(text).replaceAll(""), Chars.remove(text, c -> !Chars.isWord(c)), text);
      assertEquals(Pattern.compile("[^\\u4e00-\\u9fa5]").matcher(text).replaceAll(""),
          Chars.remove(text, c -> !Chars.isCjk(c)), text);
      assertEquals(filler.matcher(notWord.matcher(text).replaceAll("")).replaceAll(""),
          Chars.remove(text, c -> !Chars.isWord(c) || categoryFiller.has(c)), text);
      assertEquals(Pattern.compile("[?\ufe56\u2753\u2754\u2047\u2048\u2049]").matcher(text).find(),
          Chars.any(text, Chars.among("?\ufe56\u2753\u2754\u2047\u2048\u2049")), text);
      // Used on clauses already split at spaces and punctuation, where "$" is the very end.
      String clause = Chars.remove(text, punctuation);
      assertEquals(Pattern.compile("[啊呀吧呢哦噢嘛哈了的]+$").matcher(clause).replaceAll(""),
          Chars.stripEnd(clause, Chars.among("啊呀吧呢哦噢嘛哈了的")), clause);
    }
  }

  private static String randomText(Random random, String alphabet) {
    int[] points = alphabet.codePoints().toArray();
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(points[random.nextInt(points.length)]);
    }
    return text.toString();
  }
}
