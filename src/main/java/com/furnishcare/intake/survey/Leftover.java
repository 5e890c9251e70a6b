package com.furnishcare.intake.survey;

import java.util.Set;

/**
 * Whether what is left of a reply, once its answer is taken out, says nothing more: only fillers ("吧",
 * "谢谢", "请"), punctuation and spaces. Short words are trusted only in such bare replies: "差" alone is
 * a score, "差点" is not; "退订" alone stops surveys, "我不想退订" does not.
 */
final class Leftover {

  private Leftover() {}

  static boolean saysNothing(String rest, Set<String> fillers) {
    int i = 0;
    while (i < rest.length()) {
      int cp = rest.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int longest = 0;
      for (String filler : fillers) {
        if (filler.length() > longest && rest.startsWith(filler, i)) {
          longest = filler.length();
        }
      }
      if (longest == 0) {
        return false;
      }
      i += longest;
    }
    return true;
  }
}
