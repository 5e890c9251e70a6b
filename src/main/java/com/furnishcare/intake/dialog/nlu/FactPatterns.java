package com.furnishcare.intake.dialog.nlu;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pattern-based extractors for the facts with a recognisable shape: phone, name, address. */
final class FactPatterns {

  private static final Pattern MOBILE =
      Pattern.compile("(?<!\\d)(?:\\+?86[- ]?)?(1[3-9]\\d)[- ]?(\\d{4})[- ]?(\\d{4})(?!\\d)");

  private static final String CJK = "[\\u4e00-\\u9fa5]";
  private static final Pattern NAME_CUE = Pattern.compile(
      "(?:我叫|我是|本人是|本人|姓名[是:]?|名字[是叫:]?|联系人[是:]?|称呼[是:]?)\\s*(" + CJK + "{2,4}?)"
          + "(?=$|[,.;!?\\s]|电话|手机|号码|地址|住|订单|家|的|在|,)");
  private static final Pattern SURNAME = Pattern.compile("我姓(" + CJK + ")");
  private static final Pattern HONORIFIC = Pattern.compile("(" + CJK + "(?:先生|女士|小姐))");
  private static final Set<String> NOT_NAMES = Set.of("业主", "客户", "顾客", "用户", "本人", "你们", "消费者",
      "老客户", "买家", "房主", "家里人");

  /** "我是想问一下" is not a name: names do not start with these verbs and particles. */
  private static final Pattern NOT_NAME_START = Pattern.compile("^[想要来问说在因觉很不有没就又也刚这那从住家买订找第]");

  private static final Pattern ADDRESS_CUE = Pattern.compile("(?:地址|住址|住在|家住|家在|送到|安装在|装在)[是在:]?\\s*([^,;!?]{4,60})");
  private static final List<String> ADDRESS_MARKERS = List.of("省", "市", "区", "县", "镇", "路", "街", "道", "巷",
      "弄", "号", "小区", "花园", "苑", "栋", "幢", "座", "单元", "室", "楼", "村", "大厦", "公寓", "府", "城");

  private FactPatterns() {}

  /** A Chinese mobile number, digits only. */
  static Optional<Match> mobile(String text) {
    Matcher m = MOBILE.matcher(text);
    return m.find() ? Optional.of(new Match(m.group(1) + m.group(2) + m.group(3), m.start(), m.end())) : Optional.empty();
  }

  static Optional<Match> name(String text, boolean asked) {
    Matcher m = NAME_CUE.matcher(text);
    while (m.find()) {
      String candidate = m.group(1);
      if (!NOT_NAMES.contains(candidate) && !candidate.endsWith("师傅") && !NOT_NAME_START.matcher(candidate).find()) {
        return Optional.of(new Match(candidate, m.start(), m.end()));
      }
    }
    Matcher h = HONORIFIC.matcher(text);
    if (h.find()) {
      return Optional.of(new Match(h.group(1), h.start(), h.end()));
    }
    Matcher s = SURNAME.matcher(text);
    if (s.find()) {
      return Optional.of(new Match(s.group(1) + "（姓）", s.start(), s.end()));
    }
    if (asked) {
      String bare = text.replaceAll("[,.;!?\\s]", "");
      if (bare.matches(CJK + "{2,4}") && !NOT_NAMES.contains(bare)) {
        return Optional.of(new Match(bare, 0, text.length()));
      }
    }
    return Optional.empty();
  }

  static Optional<Match> address(String text, boolean asked) {
    Matcher m = ADDRESS_CUE.matcher(text);
    if (m.find()) {
      return Optional.of(new Match(m.group(1).strip(), m.start(), m.end()));
    }
    int offset = 0;
    for (String clause : text.split("[,;!?]")) {
      int markers = 0;
      for (String marker : ADDRESS_MARKERS) {
        if (clause.contains(marker)) {
          markers++;
        }
      }
      String trimmed = clause.strip();
      boolean looksLikeAddress = markers >= 3 || (markers >= 2 && trimmed.matches(".*\\d.*"));
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
