package com.furnishcare.intake.dialog.nlu;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.furnishcare.intake.dialog.model.SlotType;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one message into intents and slot values. One message can fill several slots
 * ("衣柜门板色差很明显，订单号DD2026110301，电话13800138000"). When the bot has just asked for a slot,
 * weaker evidence counts for that slot (a bare "张伟" is a name only if a name was asked for).
 * Pure Java: no I/O, deterministic for a given text, date and vocabulary.
 */
public final class Understander {

  /** What the conversation knows before reading the message. */
  public record Context(LocalDate today, Pattern orderNumber, Optional<SlotType> askedSlot) {
    public boolean asked(SlotType slot) {
      return askedSlot.map(slot::equals).orElse(false);
    }
  }

  private static final Pattern PUNCTUATION = Pattern.compile("[,.;!?:~\\s\"'()\\[\\]…]+");
  private static final Chars.Kind PUNCTUATION_CHAR = c -> Chars.isRegexSpace(c) || ",.;!?:~\"'()[]…".indexOf(c) >= 0;
  private static final Chars.Kind PARTICLE = Chars.among("啊呀吧呢哦噢嘛哈了的");
  private static final Pattern CLAUSE = Pattern.compile("[,.;!?\\n]");
  private static final Chars.Kind NOT_CJK = c -> !Chars.isCjk(c);
  private static final Chars.Kind FILLER = Chars.among("我要想请帮你们的了吗呢吧啊一下个");
  private static final Pattern SPACES = Pattern.compile("\\s{2,}");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
  /** ? (full-width ？ is folded to it), the small form ﹖ and the emoji ❓❔⁇⁈⁉. */
  private static final Chars.Kind QUESTION_MARK = Chars.among("?\ufe56\u2753\u2754\u2047\u2048\u2049");
  /** "是不是", "对不对", "有没有", "可不可以": asking, whatever the words. */
  private static final Pattern A_NOT_A = Pattern.compile("(\\p{IsHan})[不没]\\1");
  /** Descriptions stop growing here; a ticket needs the gist, the transcript keeps the rest. */
  static final int MAX_DESCRIPTION = 300;
  /** Longer than any yes- or no-word said a few times over: no need to look further (keeps long messages cheap). */
  private static final int MAX_ANSWER_WORD = 24;

  private final Vocabulary vocabulary;
  private final CategoryMatcher categories;
  private final NameFinder names;
  private final RecentUnderstandings recent = new RecentUnderstandings();

  public Understander(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.categories = new CategoryMatcher(vocabulary);
    this.names = new NameFinder(vocabulary.surnames());
  }

  public Understanding understand(String raw, Context context) {
    return recent.understand(raw, context, () -> read(raw, context));
  }

  /** How many recent understandings this understander keeps (see {@link RecentUnderstandings}). */
  long remembered() {
    return recent.size();
  }

  private Understanding read(String raw, Context context) {
    String text = TextNormalizer.normalize(raw);
    Map<SlotType, String> slots = new java.util.EnumMap<>(SlotType.class);
    List<int[]> consumed = new ArrayList<>();

    FactPatterns.mobile(text).ifPresent(m -> {
      slots.put(SlotType.MOBILE, m.value());
      consumed.add(new int[] {m.start(), m.end()});
    });
    String withoutPhone = blank(text, consumed);
    Matcher order = context.orderNumber().matcher(withoutPhone);
    if (order.find()) {
      slots.put(SlotType.ORDER_NUMBER, order.group().toUpperCase(java.util.Locale.ROOT));
      consumed.add(new int[] {order.start(), order.end()});
    }
    names.find(blank(text, consumed), context.asked(SlotType.NAME)).ifPresent(m -> {
      slots.put(SlotType.NAME, m.value());
      consumed.add(new int[] {m.start(), m.end()});
    });
    FactPatterns.address(blank(text, consumed), context.asked(SlotType.ADDRESS)).ifPresent(m -> {
      slots.put(SlotType.ADDRESS, m.value());
      consumed.add(new int[] {m.start(), m.end()});
    });
    String rest = blank(text, consumed);
    RelativeDates.find(rest, context.today()).ifPresent(d -> slots.put(SlotType.DATE, d.toString()));
    category(rest, context).ifPresent(c -> slots.put(SlotType.CATEGORY, c));
    wants(rest, context.asked(SlotType.WANTS)).ifPresent(w -> slots.put(SlotType.WANTS, w));

    Set<Intent> intents = intents(text);
    boolean asks = asks(text);
    Optional<Boolean> yesNo = yesNo(text, asks);
    boolean saysNone = bare(text).isEmpty() ? false : vocabulary.none().contains(bare(text));
    description(rest, slots, intents, yesNo, saysNone, context).ifPresent(d -> slots.put(SlotType.TEXT, d));
    Optional<SlotType> corrected = correctedSlot(text, intents, slots);
    if (corrected.isPresent()) {
      intents.add(Intent.CORRECT);
    }
    return new Understanding(text, intents, slots, yesNo, asks, saysNone, corrected);
  }

  private Optional<String> category(String text, Context context) {
    boolean asked = context.asked(SlotType.CATEGORY);
    return categories.match(text, asked, !asked && context.askedSlot().isPresent());
  }

  /** Wants after a cue ("要求赔偿", "希望换新"), or anywhere when the bot asked for them. */
  private Optional<String> wants(String text, boolean asked) {
    int from = -1;
    for (String cue : vocabulary.wantCues()) {
      int at = text.indexOf(cue);
      if (at >= 0 && (from < 0 || at < from)) {
        from = at + cue.length();
      }
    }
    if (from < 0 && !asked) {
      return Optional.empty();
    }
    String scope = from < 0 ? text : text.substring(from);
    List<String> found = new ArrayList<>();
    for (Vocabulary.Term want : vocabulary.wants()) {
      for (String word : want.words()) {
        if (scope.contains(word)) {
          found.add(want.code());
          break;
        }
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(String.join(",", found));
  }

  private Set<Intent> intents(String text) {
    Set<Intent> found = EnumSet.noneOf(Intent.class);
    String whole = bare(text);
    vocabulary.intents().forEach((intent, words) -> {
      for (String word : words) {
        boolean hit = word.startsWith("=") ? whole.equals(word.substring(1)) : containsUnnegated(text, word);
        if (hit) {
          found.add(intent);
          return;
        }
      }
    });
    return found;
  }

  /**
   * A yes needs a yes-word and no sign of a question or of a negation; a no needs a no-word (or a
   * negated yes-word: "不确认", "别提交") and no sign of a question. Anything else is no answer, and
   * whoever asked asks again: "嗯？", "确认什么?" or "是吗" must never be taken as consent.
   *
   * <p>Read first is the whole message with softening particles dropped ("好的呢", "对吧", "是的"):
   * a bare answer-word, unless a question mark follows it ("对吧？"). Otherwise the first clause
   * answers ("是的，提交吧") if nothing in the message asks and, for a yes, nothing says no
   * ("好的，不过地址不对").
   */
  private Optional<Boolean> yesNo(String text, boolean asks) {
    String whole = bare(text);
    if (!Chars.any(text, QUESTION_MARK)) {
      Optional<Boolean> bareAnswer = answerWord(whole);
      if (bareAnswer.isPresent()) {
        return bareAnswer;
      }
    }
    if (asks) {
      return Optional.empty();
    }
    Optional<Boolean> first = answerWord(PUNCTUATION.split(text, 2)[0]);
    if (first.isPresent() && first.get() && saysNo(text)) {
      return Optional.empty();
    }
    return first;
  }

  /**
   * Whether {@code phrase} (no punctuation) is an answer: one no-word or negated yes-word, or yes-words
   * only ("嗯嗯", "确认提交", "好的可以"), maybe with particles after them.
   */
  private Optional<Boolean> answerWord(String phrase) {
    if (phrase.length() > MAX_ANSWER_WORD) {
      return Optional.empty();
    }
    String softened = Chars.stripEnd(phrase, PARTICLE);
    for (String candidate : new String[] {phrase, softened}) {
      if (candidate.isEmpty()) {
        continue;
      }
      if (vocabulary.no().contains(candidate) || negatedYes(candidate)) {
        return Optional.of(false);
      }
      if (onlyYesWords(candidate)) {
        return Optional.of(true);
      }
    }
    return Optional.empty();
  }

  /** The phrase is one or more yes-words one after the other. */
  private boolean onlyYesWords(String phrase) {
    boolean[] reachable = new boolean[phrase.length() + 1];
    reachable[0] = true;
    for (int from = 0; from < phrase.length(); from++) {
      if (!reachable[from]) {
        continue;
      }
      for (String word : vocabulary.yes()) {
        if (!word.isEmpty() && phrase.startsWith(word, from)) {
          reachable[from + word.length()] = true;
        }
      }
    }
    return reachable[phrase.length()];
  }

  /**
   * The word occurs at least once without a negation right before it: "别取消，接着登记" and "不要人工" do
   * not ask for what the word names.
   */
  private boolean containsUnnegated(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (!standsAlone(text, at, word)) {
        continue;
      }
      String before = text.substring(0, at);
      if (vocabulary.negations().stream().noneMatch(before::endsWith)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A word that begins or ends with a Latin letter or a digit counts only where it is not part of a longer run
   * of them: "315" and "12315" are escalation words, but not inside order number DD2026030315 or phone number
   * 13812315678 (a homeowner giving their order would otherwise be escalated to a person with an urgent
   * ticket). Chinese words have no such edges and match anywhere, as before.
   */
  static boolean standsAlone(String text, int at, String word) {
    int end = at + word.length();
    boolean openStart = at == 0 || !latinOrDigit(word.charAt(0)) || !latinOrDigit(text.charAt(at - 1));
    boolean openEnd = end == text.length() || !latinOrDigit(word.charAt(word.length() - 1))
        || !latinOrDigit(text.charAt(end));
    return openStart && openEnd;
  }

  private static boolean latinOrDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** "不确认", "没有确认", "别提交": a negation followed by a yes-word. */
  private boolean negatedYes(String phrase) {
    for (String negation : vocabulary.negations()) {
      if (phrase.length() > negation.length() && phrase.startsWith(negation)
          && onlyYesWords(phrase.substring(negation.length()))) {
        return true;
      }
    }
    return false;
  }

  /** Some clause of the message is a no ("好的，不对"), or it holds a no-word of two characters or more ("不对", "不是"). */
  private boolean saysNo(String text) {
    for (String clause : PUNCTUATION.split(text)) {
      String c = Chars.stripEnd(clause, PARTICLE);
      if (!c.isEmpty() && (vocabulary.no().contains(c) || negatedYes(c))) {
        return true;
      }
    }
    for (String word : vocabulary.no()) {
      if (word.length() >= 2 && !Chars.any(word, NOT_CJK) && text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** A question mark (full-width ones are folded), a question word, or "X不X". */
  private boolean asks(String text) {
    // The regex only where it can match: the "X不X" question needs a 不 or 没.
    if (Chars.any(text, QUESTION_MARK)
        || (text.indexOf('不') >= 0 || text.indexOf('没') >= 0) && A_NOT_A.matcher(text).find()) {
      return true;
    }
    for (String word : vocabulary.asks()) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The complaint in the user's words: the clauses that are not facts, greetings or commands. */
  private Optional<String> description(String rest, Map<SlotType, String> slots, Set<Intent> intents,
      Optional<Boolean> yesNo, boolean saysNone, Context context) {
    if (yesNo.isPresent() || saysNone) {
      return Optional.empty();
    }
    List<String> kept = new ArrayList<>();
    for (String clause : CLAUSE.split(rest)) {
      String c = clause.strip();
      String cjk = Chars.remove(c, NOT_CJK);
      if (cjk.length() < 2 || isOnlyCommand(c)) {
        continue;
      }
      if (cjk.length() >= 4 || context.asked(SlotType.TEXT)) {
        kept.add(SPACES.matcher(c).replaceAll(" "));
      }
    }
    boolean complaintLike = slots.containsKey(SlotType.CATEGORY) || context.asked(SlotType.TEXT);
    if (kept.isEmpty() || !complaintLike) {
      return Optional.empty();
    }
    String description = String.join("，", kept);
    return Optional.of(description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) : description);
  }

  /** Clauses such as "我要投诉" or "你好" carry no description. */
  private boolean isOnlyCommand(String clause) {
    String stripped = clause;
    for (List<String> words : vocabulary.intents().values()) {
      for (String word : words) {
        if (!word.startsWith("=")) {
          stripped = stripped.replace(word, "");
        }
      }
    }
    return !Chars.any(Chars.remove(stripped, FILLER), Chars::isWord);
  }

  private Optional<SlotType> correctedSlot(String text, Set<Intent> intents, Map<SlotType, String> slots) {
    Optional<SlotType> named = Optional.empty();
    for (Map.Entry<SlotType, List<String>> e : vocabulary.slotWords().entrySet()) {
      for (String word : e.getValue()) {
        if (text.contains(word)) {
          named = Optional.of(e.getKey());
          break;
        }
      }
      if (named.isPresent()) {
        break;
      }
    }
    boolean wrongWords = text.contains("不对") || text.contains("错了") || text.contains("有误");
    if (intents.contains(Intent.CORRECT) || (named.isPresent() && wrongWords)) {
      if (named.isPresent()) {
        return named;
      }
      return slots.keySet().stream().filter(s -> !s.equals(SlotType.TEXT)).findFirst();
    }
    return Optional.empty();
  }

  /** The message without punctuation or spaces. */
  private static String bare(String text) {
    return Chars.remove(text, PUNCTUATION_CHAR);
  }

  /** The text with the consumed spans replaced by spaces, so later extractors do not see them. */
  private static String blank(String text, List<int[]> spans) {
    char[] chars = text.toCharArray();
    for (int[] span : spans) {
      for (int i = Math.max(0, span[0]); i < Math.min(chars.length, span[1]); i++) {
        chars[i] = ' ';
      }
    }
    return new String(chars);
  }
}
