package com.furnishcare.intake.dialog.nlu;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a complaint category from any reasonable wording, in four steps, each used only when the one
 * before found nothing:
 *
 * <ol>
 *   <li><b>Score</b> per category: the characters its symptom words cover ("放不下", "色差"), plus twice
 *       the characters of a <i>topic + problem</i> phrase — a topic of the category ("设计", "响应",
 *       "颜色") followed by a general problem word ("有问题", "不对", "太慢", "差"), with at most a few
 *       filler characters between ("设计上的问题", "安装质量不行", "响应速度太慢"). A category with its
 *       own markers (配件 with 少/缺, 交货 with 晚/拖) takes them on either side of a topic ("缺五金",
 *       "没按时交货"). Naming the category outright ("材料有问题") so outweighs a symptom word of another
 *       category in the same message. Highest score wins, ties by the order of the vocabulary.
 *   <li>When the bot asked for the category: a menu number, or the menu label or part of it.
 *   <li><b>Similarity</b> to each category's label and words: Dice coefficient of the character bigrams,
 *       after filler characters are dropped from both sides; the best at or above {@link #MIN_DICE}
 *       wins ("配件缺货" ~ "配件缺失", "反应太慢" ~ "响应太慢"). Only for short messages or answers to
 *       the category question, where one phrase is the whole message.
 *   <li>When the bot asked for the category: a topic alone ("设计方面的", "颜色吧").
 * </ol>
 *
 * <p>The text comes folded (simplified, lower case), so traditional input behaves exactly as
 * simplified. No I/O; the bigram sets of the vocabulary are built once per vocabulary.
 */
final class CategoryMatcher {

  /** Dice coefficient at or above which a short message counts as a paraphrase of a label or word. */
  static final double MIN_DICE = 0.5;
  /** Longest stretch of filler between a topic and a problem word. */
  private static final int MAX_GAP = 4;
  /** Messages longer than this (after fillers are dropped) are not compared by similarity unless asked. */
  private static final int MAX_SIMILAR_LENGTH = 8;
  private static final Pattern NUMBER = Pattern.compile("\\d{1,2}");
  private static final Chars.Kind NOT_WORD = c -> !Chars.isWord(c);
  /** Characters that carry no topic: particles, pronouns, degree words. */
  private static final Chars.Kind FILLER = Chars.among("的了吧啊呀呢哦嘛吗我你他她们是就这那个些点很太都也还挺真算");
  private static final Chars.Kind NOT_CORE = c -> !Chars.isWord(c) || FILLER.has(c);
  /** Numbers and counters between a marker and what is missing ("少了三个拉手", "缺一根"). */
  private static final String COUNTERS = "一二两三四五六七八九十几个根只套块条颗把扇";
  /** A topic right after these is what something is compared with ("和图纸对不上"), not the subject. */
  private static final String COMPARED_WITH = "和跟与同按照比";
  private static final Pattern CLAUSE = Pattern.compile("[,.;!?\\n]");

  private final List<Vocabulary.Term> categories;
  private final List<String> problems;
  private final List<String> gap;
  /** Per category, the bigram sets of its label and words ({@link #bigrams}). */
  private final List<List<int[]>> bigrams;

  CategoryMatcher(Vocabulary vocabulary) {
    this.categories = vocabulary.categories();
    // A topic followed by another category's symptom word names the topic's category as the cause
    // ("设计太大": a design error, not a size mismatch) — unless the word is about a topic itself
    // ("师傅态度差" stays an attitude complaint).
    List<String> allTopics = vocabulary.categories().stream().flatMap(t -> t.topics().stream()).toList();
    List<String> symptoms = new java.util.ArrayList<>(vocabulary.problems());
    for (Vocabulary.Term term : vocabulary.categories()) {
      for (String word : term.ownSymptoms() ? List.<String>of() : term.words()) {
        if (allTopics.stream().noneMatch(topic -> word.contains(topic)) && !symptoms.contains(word)) {
          symptoms.add(word);
        }
      }
    }
    this.problems = List.copyOf(symptoms);
    this.gap = vocabulary.problemGap();
    this.bigrams = categories.stream().map(term -> {
      List<int[]> sets = new java.util.ArrayList<>();
      sets.add(bigrams(core(TextNormalizer.normalize(term.label()))));
      for (String word : term.words()) {
        int[] b = bigrams(core(word));
        if (b.length >= 2) {
          sets.add(b);
        }
      }
      return List.copyOf(sets);
    }).toList();
  }

  /**
   * @param asked the bot has just asked for the category
   * @param askedOther the bot has just asked for another slot: then a short answer is that slot's
   *     value ("不方便" to the name question), not compared with the categories by similarity
   */
  Optional<String> match(String text, boolean asked, boolean askedOther) {
    Optional<String> scored = byScore(text);
    if (scored.isPresent()) {
      return scored;
    }
    String answer = Chars.remove(text, NOT_WORD);
    if (asked) {
      if (NUMBER.matcher(answer).matches()) {
        int index = Integer.parseInt(answer) - 1;
        if (index >= 0 && index < categories.size()) {
          return Optional.of(categories.get(index).code());
        }
      }
      for (Vocabulary.Term term : categories) {
        String label = Chars.remove(TextNormalizer.normalize(term.label()), NOT_WORD);
        if (answer.equals(label) || answer.length() >= 2 && label.contains(answer)) {
          return Optional.of(term.code());
        }
      }
    }
    String core = core(answer);
    if (asked || !askedOther && core.length() <= MAX_SIMILAR_LENGTH) {
      Optional<String> similar = bySimilarity(core);
      if (similar.isPresent()) {
        return similar;
      }
    }
    return asked ? byTopic(text) : Optional.empty();
  }

  private Optional<String> byScore(String text) {
    String best = null;
    int bestScore = 0;
    String[] clauses = CLAUSE.split(text);
    for (Vocabulary.Term term : categories) {
      int score = 0;
      for (String word : term.words()) {
        if (text.contains(word)) {
          score += word.length();
        }
      }
      int named = 0;
      for (String clause : clauses) {
        named = Math.max(named, named(clause, term));
      }
      score += 2 * named;
      if (score > bestScore) {
        best = term.code();
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The longest "topic + problem" (or "marker + topic") phrase of this category in the clause, in characters. */
  private int named(String clause, Vocabulary.Term term) {
    List<String> after = term.markers().isEmpty() ? problems : term.markers();
    int best = 0;
    for (String topic : term.topics()) {
      for (int at = clause.indexOf(topic); at >= 0; at = clause.indexOf(topic, at + 1)) {
        if (at > 0 && COMPARED_WITH.indexOf(clause.charAt(at - 1)) >= 0) {
          continue;
        }
        for (int end : gapEnds(clause, at + topic.length())) {
          String marker = startsWithAny(clause, end, after);
          if (marker != null) {
            best = Math.max(best, topic.length() + marker.length());
          }
        }
        int before = term.markers().isEmpty() ? 0 : markerBefore(clause, at, term.markers());
        if (before > 0) {
          best = Math.max(best, topic.length() + before);
        }
      }
    }
    return best;
  }

  /** Length of the longest marker that ends at most a few filler characters before {@code at}, or 0. */
  private int markerBefore(String clause, int at, List<String> markers) {
    int best = 0;
    for (int end = at; end >= Math.max(0, at - MAX_GAP); end--) {
      if (!isFiller(clause.substring(end, at))) {
        continue;
      }
      for (String marker : markers) {
        if (end >= marker.length() && clause.startsWith(marker, end - marker.length())) {
          best = Math.max(best, marker.length());
        }
      }
    }
    return best;
  }

  /** Filler words, numbers and counters only ("了", "了三个", "一根"), or nothing. */
  private boolean isFiller(String between) {
    int at = 0;
    while (at < between.length()) {
      char c = between.charAt(at);
      if (Character.isDigit(c) || COUNTERS.indexOf(c) >= 0) {
        at++;
        continue;
      }
      String word = startsWithAny(between, at, gap);
      if (word == null) {
        return false;
      }
      at += word.length();
    }
    return true;
  }

  /** {@code from} and every place up to {@link #MAX_GAP} characters of filler after it. */
  private List<Integer> gapEnds(String clause, int from) {
    List<Integer> ends = new java.util.ArrayList<>();
    ends.add(from);
    int at = from;
    while (at - from < MAX_GAP) {
      String word = startsWithAny(clause, at, gap);
      if (word == null || at + word.length() - from > MAX_GAP) {
        break;
      }
      at += word.length();
      ends.add(at);
    }
    return ends;
  }

  /** The longest of {@code words} that starts at {@code at}, or null. */
  private static String startsWithAny(String text, int at, List<String> words) {
    String found = null;
    for (String word : words) {
      if (!word.isEmpty() && text.startsWith(word, at) && (found == null || word.length() > found.length())) {
        found = word;
      }
    }
    return found;
  }

  private Optional<String> bySimilarity(String core) {
    int[] message = bigrams(core);
    if (message.length < 2) {
      return Optional.empty();
    }
    String best = null;
    double bestDice = MIN_DICE;
    for (int i = 0; i < categories.size(); i++) {
      for (int[] phrase : bigrams.get(i)) {
        double d = dice(message, phrase);
        if (d >= bestDice && (best == null || d > bestDice)) {
          best = categories.get(i).code();
          bestDice = d;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The category whose topic comes first in the text (the longest topic at that place). */
  private Optional<String> byTopic(String text) {
    String best = null;
    int bestAt = Integer.MAX_VALUE;
    int bestLength = 0;
    for (Vocabulary.Term term : categories) {
      for (String topic : term.topics()) {
        int at = text.indexOf(topic);
        if (topic.length() >= 2 && at >= 0 && (at < bestAt || at == bestAt && topic.length() > bestLength)) {
          best = term.code();
          bestAt = at;
          bestLength = topic.length();
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The text without filler characters and punctuation. */
  static String core(String text) {
    return Chars.remove(text, NOT_CORE);
  }

  /**
   * The distinct character bigrams of the text, each as its two UTF-16 units in one int, sorted: the Dice
   * comparison of every short message with every label and word is then a merge of two small arrays, not a
   * substring and a hash look-up per bigram.
   */
  static int[] bigrams(String text) {
    if (text.length() < 2) {
      return new int[0];
    }
    int[] grams = new int[text.length() - 1];
    for (int i = 0; i + 2 <= text.length(); i++) {
      grams[i] = text.charAt(i) << 16 | text.charAt(i + 1);
    }
    Arrays.sort(grams);
    int distinct = 1;
    for (int i = 1; i < grams.length; i++) {
      if (grams[i] != grams[distinct - 1]) {
        grams[distinct++] = grams[i];
      }
    }
    return Arrays.copyOf(grams, distinct);
  }

  /** Dice coefficient of two bigram sets as {@link #bigrams} gives them. */
  static double dice(int[] a, int[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    int common = 0;
    for (int i = 0, j = 0; i < a.length && j < b.length; ) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return 2.0 * common / (a.length + b.length);
  }
}
