package com.furnishcare.intake.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.furnishcare.intake.dialog.load.VocabularyLoader;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import com.furnishcare.intake.dialog.nlu.Understander;
import com.furnishcare.intake.dialog.nlu.Understanding;
import com.furnishcare.intake.survey.AnswerReader;
import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Free text read on its own: the survey {@link AnswerReader} on every question of the shipped surveys
 * (score, yes/no, choice, text) with its lukewarm, opt-out and complaint checks, and the NLU
 * ({@link Understander}, {@link TextNormalizer}) with any slot asked and any day as "today". Nothing may
 * throw; a score read must be in its question's range, a choice one of its options.
 */
final class SurveyTextTarget {

  private static final SurveyBook SURVEYS = surveys();
  private static final List<Question> QUESTIONS = SURVEYS.surveys().values().stream()
      .flatMap(s -> s.questions().stream()).toList();
  private static final AnswerReader READER = new AnswerReader(SURVEYS.words());
  private static final Understander NLU = nlu();
  private static final Pattern ORDER = Pattern.compile("[a-z]{2}\\d{8,12}", Pattern.CASE_INSENSITIVE);

  private SurveyTextTarget() {}

  private static SurveyBook surveys() {
    try {
      return SurveyBookLoader.load(Path.of("dialogs/surveys"));
    } catch (Exception e) {
      throw new AssertionError("the shipped surveys do not load", e);
    }
  }

  private static Understander nlu() {
    try {
      return new Understander(VocabularyLoader.parse("vocabulary.yaml",
          Files.readString(Path.of("dialogs/vocabulary.yaml"), StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("the shipped vocabulary does not load", e);
    }
  }

  static void run(FuzzedDataProvider data) {
    Question question = data.pickValue(QUESTIONS);
    LocalDate today = LocalDate.of(2026, 1, 1).plusDays(data.consumeInt(-3650, 3650));
    List<SlotType> asked = new ArrayList<>(List.of(SlotType.values()));
    Optional<SlotType> slot = data.consumeBoolean() ? Optional.of(data.pickValue(asked)) : Optional.empty();
    String text = FuzzText.text(data, 10);

    Optional<Answer> answer = READER.read(question, text);
    answer.ifPresent(a -> check(question, a, text));
    READER.lukewarm(text);
    READER.optOut(text);
    READER.complains(text);

    assertNotNull(TextNormalizer.normalize(text));
    Understanding u = NLU.understand(text, new Understander.Context(today, ORDER, slot));
    assertTrue(u.text() != null && u.intents() != null && u.slots() != null && u.yesNo() != null
        && u.correctedSlot() != null, "half an understanding of " + text);
    u.slots().values().forEach(v -> assertNotNull(v, "a null slot value for " + text));
  }

  private static void check(Question question, Answer answer, String text) {
    if (answer instanceof Answer.Score s) {
      assertTrue(question.type().scored() && s.value() >= question.type().min() && s.value() <= question.type().max(),
          "score " + s.value() + " for " + question.id() + " from " + text);
    } else if (answer instanceof Answer.Choice c) {
      assertTrue(c.number() >= 1 && c.number() <= question.options().size(),
          "choice " + c.number() + " of " + question.options() + " from " + text);
    }
  }

}
