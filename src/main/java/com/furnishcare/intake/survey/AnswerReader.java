package com.furnishcare.intake.survey;

import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.AnswerWords;
import com.furnishcare.intake.survey.model.Question;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a homeowner's free-text reply to one survey question: "5", "５分", "五星", "非常滿意", "还行" on a
 * 1–5 scale; "10分", "十分", "肯定会" for a recommendation; yes/no words; an option by number or label.
 * Replies are folded first (traditional to simplified, full-width to half-width), so every spelling reads
 * alike. Empty means unclear, and the caller asks once more: an out-of-range number ("6" on a 1–5 scale),
 * two different answers, a question ("？"), or no answer at all ("我想想"). A reply carrying a complaint
 * ("柜门掉了，你们什么时候来修") is not read as a score even if it holds one, so the caller can take it
 * to the complaint intake instead of filing it as a rating.
 */
public final class AnswerReader {

  private static final Set<Character> SCORE_UNITS = Set.of('分', '星', '颗');
  private static final Set<Character> OPTION_UNITS = Set.of('个', '项', '号', '条', '种');

  private final AnswerWords words;
  private final NumberReader scoreNumbers;
  private final NumberReader optionNumbers;
  private final Set<String> yesNoWords;

  public AnswerReader(AnswerWords words) {
    this.words = words;
    this.scoreNumbers = new NumberReader(SCORE_UNITS, words.fillers());
    this.optionNumbers = new NumberReader(OPTION_UNITS, words.fillers());
    Set<String> yesNo = new LinkedHashSet<>(words.yes());
    yesNo.addAll(words.no());
    this.yesNoWords = Set.copyOf(yesNo);
  }

  public Optional<Answer> read(Question question, String reply) {
    String text = TextNormalizer.normalize(reply);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (question.type() == Question.Type.TEXT) {
      return Optional.of(new Answer.Text(reply.strip()));
    }
    if (text.indexOf('?') >= 0) {
      return Optional.empty(); // the homeowner is asking, not answering
    }
    return switch (question.type()) {
      case SCALE -> complaint(text) ? Optional.empty() : score(text, question.type());
      case NPS -> complaint(text) ? Optional.empty() : score(text, question.type());
      case YES_NO -> yesNo(text);
      case CHOICE -> choice(text, question.options());
      case TEXT -> throw new IllegalStateException("read above");
    };
  }

  /** A word that calls for a follow-up whatever the score ("一般", "还行", "再看看"), anywhere in the reply. */
  public boolean lukewarm(String reply) {
    String text = TextNormalizer.normalize(reply);
    return words.lukewarm().stream().anyMatch(text::contains);
  }

  /**
   * The reply asks to stop surveys ("退订", "TD", "拒收"): an opt-out word with nothing but fillers around it
   * ("请退订，谢谢"). Inside a longer sentence ("我不想退订") it is not an opt-out.
   */
  public boolean optOut(String reply) {
    String text = TextNormalizer.normalize(reply);
    List<WordMatcher.Match> found = WordMatcher.find(text, words.optOut());
    return !found.isEmpty() && Leftover.saysNothing(WordMatcher.blank(text, found), words.fillers());
  }

  private boolean complaint(String text) {
    return words.complaintSigns().stream().anyMatch(text::contains);
  }

  /** The reply describes a problem (柜门掉了, 什么时候来修) rather than answering: the intake should take it. */
  public boolean complains(String reply) {
    return complaint(TextNormalizer.normalize(reply));
  }

  private Optional<Answer> score(String text, Question.Type type) {
    java.util.Map<String, Integer> scored = type == Question.Type.SCALE ? words.scale() : words.nps();
    List<WordMatcher.Match> found = trusted(text, WordMatcher.find(text, scored.keySet()));
    String rest = WordMatcher.blank(text, found);
    NumberReader.Found numbers = scoreNumbers.find(rest);
    if (numbers.unclear()) {
      return Optional.empty();
    }
    // A digit says exactly what was meant, so it wins over a word ("满意，给5分" is a 5).
    Set<Integer> values = new LinkedHashSet<>(numbers.values());
    if (values.isEmpty()) {
      found.forEach(m -> values.add(scored.get(m.word())));
    }
    if (values.size() != 1) {
      return Optional.empty();
    }
    int value = values.iterator().next();
    return value < type.min() || value > type.max() ? Optional.empty() : Optional.of(new Answer.Score(value));
  }

  private Optional<Answer> yesNo(String text) {
    List<WordMatcher.Match> found = trusted(text, WordMatcher.find(text, yesNoWords));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    // Replies lead with their answer and go on to explain it ("没有，随便量了一下"): the first word decides.
    return Optional.of(new Answer.YesNo(words.yes().contains(found.get(0).word())));
  }

  private Optional<Answer> choice(String text, List<String> options) {
    List<String> labels = options.stream().map(TextNormalizer::normalize).toList();
    List<WordMatcher.Match> found = WordMatcher.find(text, labels);
    Set<Integer> numbers = new LinkedHashSet<>();
    found.forEach(m -> numbers.add(labels.indexOf(m.word()) + 1));
    NumberReader.Found given = optionNumbers.find(WordMatcher.blank(text, found));
    if (given.unclear()) {
      return Optional.empty();
    }
    numbers.addAll(given.values());
    if (numbers.size() != 1) {
      return Optional.empty();
    }
    int number = numbers.iterator().next();
    return number < 1 || number > options.size() ? Optional.empty()
        : Optional.of(new Answer.Choice(number, options.get(number - 1)));
  }

  /**
   * Drops one-character words unless the reply is that word alone (give or take fillers), or starts with it
   * followed by a pause ("有，很仔细"): "差" is a score, "差点掉下来" is not.
   */
  private List<WordMatcher.Match> trusted(String text, List<WordMatcher.Match> found) {
    boolean bare = Leftover.saysNothing(WordMatcher.blank(text, found), words.fillers());
    return found.stream().filter(m -> !m.single() || bare || (m.start() == 0
        && (m.end() == text.length() || !Character.isLetterOrDigit(text.charAt(m.end()))))).toList();
  }
}
