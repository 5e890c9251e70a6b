package com.furnishcare.intake.dialog.nlu;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the customer's name in a folded message. A name is a common Chinese surname (the list in
 * {@code vocabulary.yaml}: single-character and compound) and one or two more characters, read
 *
 * <ul>
 *   <li>after a cue: 我叫 / 叫我 (…就行) / 免贵(姓) / 姓名 / 名字 / 联系人 / 称呼 / 本人, or the weaker 我是, where
 *       the name must then end the clause or be followed by a contact word ("我是李娜，电话…");
 *   <li>before 先生 / 女士 / 小姐, kept with it ("张女士", "欧阳先生");
 *   <li>after 我姓 / 免贵姓 as a surname alone ("刘（姓）");
 *   <li>as the whole answer when the bot has just asked for a name ("陈静", "小王").
 * </ul>
 *
 * Words that do not start with a surname are never names, so "我是业主", "我是想问一下", "叫我来修" or a
 * bare "不方便" stay what they are. Pure Java, no I/O.
 */
final class NameFinder {

  private static final String CJK = "\\u4e00-\\u9fa5";
  /** Strong cues: what follows is meant as a name. */
  private static final Pattern STRONG_CUE = Pattern.compile(
      "(?:叫我|我叫|(?<=^|[,.;!?\\s])叫|我的名字[是叫]?|名字[是叫]?|姓名[是为]?|联系人[是为]?|称呼[我]?[是为]?|免贵|本人[是叫]?|我就是)[:,\\s]*(?=[" + CJK + "])");
  private static final Pattern WEAK_CUE = Pattern.compile("(?:我是|这里是|这边是)[:,\\s]*(?=[" + CJK + "])");
  private static final Pattern SURNAME_CUE = Pattern.compile("(?:我姓|免贵姓|本人姓|姓)[:,\\s]*(?=[" + CJK + "])");
  private static final Pattern HONORIFIC = Pattern.compile("先生|女士|小姐");
  private static final Pattern RUN = Pattern.compile("[" + CJK + "]+");
  private static final Pattern PUNCTUATION = Pattern.compile("[,.;!?\\s]");
  private static final Pattern TRAILING_PARTICLES = Pattern.compile("[吧啊呀哈哦呢]+$");
  /** What may follow a name directly: contact words, particles, "就行". */
  private static final List<String> AFTER_NAME = List.of("电话", "手机", "号码", "联系", "地址", "住", "订单", "单号",
      "家", "的", "在", "就", "吧", "即可", "好了", "可以", "呀", "啊", "哈", "呢", "哦", "嘛", "我", "你", "是", "业主",
      "这边", "今年", "先生", "女士", "小姐", "姐", "哥");
  /** After the weak cue "我是" only these may follow the name inside a clause. */
  private static final List<String> AFTER_WEAK = List.of("电话", "手机", "号码", "联系", "地址", "订单", "单号",
      "先生", "女士", "小姐");
  private static final Set<String> NOT_NAMES = Set.of("业主", "客户", "顾客", "用户", "本人", "你们", "消费者",
      "老客户", "买家", "房主", "家里人", "师傅", "先生", "女士", "小姐");
  /** Last characters no name has: "成都人", "南京市". */
  private static final Pattern NOT_NAME_END = Pattern.compile("[人市省区县路街镇村店的了吧]$");

  private final Set<String> surnames;

  NameFinder(Set<String> surnames) {
    this.surnames = surnames;
  }

  Optional<FactPatterns.Match> find(String text, boolean asked) {
    Optional<FactPatterns.Match> found = afterCue(text, STRONG_CUE, AFTER_NAME);
    if (found.isEmpty()) {
      found = afterCue(text, WEAK_CUE, AFTER_WEAK);
    }
    if (found.isEmpty()) {
      found = beforeHonorific(text);
    }
    if (found.isEmpty()) {
      found = surnameOnly(text);
    }
    if (found.isEmpty() && asked) {
      found = wholeAnswer(text);
    }
    return found;
  }

  /** Length of the surname at {@code at} (2 for a compound one), or 0. */
  int surnameAt(String text, int at) {
    if (at + 2 <= text.length() && surnames.contains(text.substring(at, at + 2))) {
      return 2;
    }
    return at < text.length() && surnames.contains(text.substring(at, at + 1)) ? 1 : 0;
  }

  private Optional<FactPatterns.Match> afterCue(String text, Pattern cue, List<String> after) {
    Matcher m = cue.matcher(text);
    while (m.find()) {
      Optional<String> name = nameAt(text, m.end(), after);
      if (name.isPresent()) {
        return Optional.of(new FactPatterns.Match(name.get(), m.start(), m.end() + name.get().length()));
      }
    }
    return Optional.empty();
  }

  /**
   * A name starting at {@code at}: optional 老/小, a surname, then one or two characters, ending the run
   * of Chinese characters or followed by one of {@code after}; an honorific right after is kept with it.
   */
  private Optional<String> nameAt(String text, int at, List<String> after) {
    Matcher run = RUN.matcher(text);
    if (!run.find(at) || run.start() != at) {
      return Optional.empty();
    }
    String chars = run.group();
    int prefix = chars.length() >= 2 && (chars.charAt(0) == '老' || chars.charAt(0) == '小') && surnameAt(chars, 1) > 0 ? 1 : 0;
    int surname = surnameAt(chars, prefix);
    if (surname == 0) {
      return Optional.empty();
    }
    int first = prefix + surname;
    for (int end = prefix > 0 ? first : first + 1; end <= Math.min(chars.length(), first + 2); end++) {
      String rest = chars.substring(end);
      String honorific = HONORIFIC.matcher(rest).lookingAt() ? rest.substring(0, 2) : "";
      if (rest.isEmpty() || !honorific.isEmpty() || after.stream().anyMatch(rest::startsWith)) {
        String name = chars.substring(0, end) + honorific;
        if (!NOT_NAMES.contains(name) && !NOT_NAME_END.matcher(chars.substring(0, end)).find()) {
          return Optional.of(name);
        }
      }
    }
    return Optional.empty();
  }

  /** "张女士", "王伟先生", "我是欧阳先生": a surname (and a given name) right before the honorific. */
  private Optional<FactPatterns.Match> beforeHonorific(String text) {
    Matcher h = HONORIFIC.matcher(text);
    while (h.find()) {
      for (int length = 4; length >= 1; length--) {
        int start = h.start() - length;
        if (start < 0) {
          continue;
        }
        int surname = surnameAt(text, start);
        String given = text.substring(start + surname, h.start());
        if (surname > 0 && given.length() <= 2 && given.chars().allMatch(c -> c >= 0x4e00 && c <= 0x9fa5)) {
          return Optional.of(new FactPatterns.Match(text.substring(start, h.end()), start, h.end()));
        }
      }
    }
    return Optional.empty();
  }

  private Optional<FactPatterns.Match> surnameOnly(String text) {
    Matcher m = SURNAME_CUE.matcher(text);
    while (m.find()) {
      int length = surnameAt(text, m.end());
      if (length > 0) {
        String surname = text.substring(m.end(), m.end() + length);
        return Optional.of(new FactPatterns.Match(surname + "（姓）", m.start(), m.end() + length));
      }
    }
    return Optional.empty();
  }

  /** The bot asked for a name and the whole answer is one ("陈静", "小王", "欧阳娜娜吧"). */
  private Optional<FactPatterns.Match> wholeAnswer(String text) {
    String bare = TRAILING_PARTICLES.matcher(PUNCTUATION.matcher(text).replaceAll("")).replaceAll("");
    if (bare.length() < 2 || bare.length() > 5 || !RUN.matcher(bare).matches()) {
      return Optional.empty();
    }
    return nameAt(bare, 0, List.of()).filter(name -> name.length() == bare.length())
        .map(name -> new FactPatterns.Match(name, 0, text.length()));
  }
}
