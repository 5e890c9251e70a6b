package com.furnishcare.intake.dialog.nlu;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pattern-based extractors for the facts with a recognisable shape: phone, address (names: {@link NameFinder}). */
final class FactPatterns {

  private static final Pattern MOBILE =
      Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?(\\d{4})[- ]?(\\d{4})(?!\\d)");

  /** Where a clause ends, and a digit; compiled once, as every message is looked over for an address. */
  private static final Pattern CLAUSE_END = Pattern.compile("[,;!?]");
  private static final Pattern DIGIT = Pattern.compile("\\d");
  private static final Pattern ADDRESS_CUE = Pattern.compile("(?:地址|住址|住在|家住|家在|送到|安装在|装在)[是在:]?\\s*([^,;!?]{4,60})");
  private static final List<String> ADDRESS_MARKERS = List.of("省", "市", "区", "县", "镇", "路", "街", "道", "巷",
      "弄", "号", "小区", "花园", "苑", "栋", "幢", "座", "单元", "室", "楼", "村", "大厦", "公寓", "府", "城");

  private FactPatterns() {}

  /** A Chinese mobile number, digits only. */
  static Optional<Match> mobile(String text) {
    Matcher m = MOBILE.matcher(text);
    return m.find() ? Optional.of(new Match(m.group(1) + m.group(2) + m.group(3), m.start(), m.end())) : Optional.empty();
  }

  static Optional<Match> address(String text, boolean asked) {
    Matcher m = ADDRESS_CUE.matcher(text);
    if (m.find()) {
      return Optional.of(new Match(m.group(1).strip(), m.start(), m.end()));
    }
    int offset = 0;
    for (String clause : CLAUSE_END.split(text)) {
      int markers = 0;
      for (String marker : ADDRESS_MARKERS) {
        if (clause.contains(marker)) {
          markers++;
        }
      }
      String trimmed = clause.strip();
      boolean looksLikeAddress = markers >= 3 || (markers >= 2 && DIGIT.matcher(trimmed).find());
      if ((looksLikeAddress || (asked && markers >= 1)) && trimmed.length() >= 5) {
        int start = text.indexOf(trimmed, offset);
        return Optional.of(new Match(trimmed, start, start + trimmed.length()));
      }
      offset += clause.length() + 1;
    }
    return Optional.empty();
  }

  /** A value found in the text and where. */
  record Match(String value, int start, int end) {}
}
