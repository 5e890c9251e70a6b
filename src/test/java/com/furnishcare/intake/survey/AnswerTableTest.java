package com.furnishcare.intake.survey;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.Question;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Replies homeowners send to survey questions, read with the shipped answer words. Two tables, both
 * written before the reader: {@code survey-answers.tsv}, which the reader was tuned on, and
 * {@code survey-answers-holdout.tsv}, measured but never tuned for. Neither share may drop below the
 * figure measured when the tables were written.
 */
class AnswerTableTest {

  /** Every row of the tuning table is read right. */
  static final double TUNED_SHARE = 1.0;
  /** Measured once on the held-out table after tuning; raise it when the reader improves. */
  static final double HOLDOUT_SHARE = 31.0 / 32; // "会推荐" reads 8 (a passive), the table says 9

  static final List<String> OPTIONS = List.of("完全符合", "基本符合", "不太符合");

  private static AnswerReader reader() throws Exception {
    return new AnswerReader(SurveyBookLoader.load(Path.of("dialogs/surveys")).words());
  }

  @Test
  void tunedTableIsReadRight() throws Exception {
    double share = measure("survey-answers.tsv", 60);
    assertTrue(share >= TUNED_SHARE, "tuned table share " + share);
  }

  @Test
  void heldOutTableKeepsItsMeasuredShare() throws Exception {
    double share = measure("survey-answers-holdout.tsv", 30);
    assertTrue(share >= HOLDOUT_SHARE, "held-out table share " + share);
  }

  private static double measure(String table, int minRows) throws Exception {
    AnswerReader reader = reader();
    List<String> misses = new ArrayList<>();
    int total = 0;
    for (String row : Files.readAllLines(Path.of("src/test/resources", table), StandardCharsets.UTF_8)) {
      if (row.isBlank() || row.startsWith("#")) {
        continue;
      }
      String[] cols = row.split("\t", -1);
      total++;
      Question.Type type = Question.Type.fromWire(cols[0]).orElseThrow(() -> new AssertionError("type " + cols[0]));
      Question question = new Question("q", type, "?", type == Question.Type.CHOICE ? OPTIONS : List.of(),
          Optional.empty(), "", "", "", List.of());
      String got = shown(reader.read(question, cols[1]));
      if (!got.equals(cols[2].strip())) {
        misses.add(cols[0] + " '" + cols[1] + "' expected " + cols[2] + " got " + got);
      }
    }
    double share = (total - misses.size()) / (double) total;
    System.out.printf("%s: %d replies, %d read right (%.1f%%)%n", table, total, total - misses.size(), share * 100);
    misses.forEach(m -> System.out.println("  MISS " + m));
    assertTrue(total >= minRows, table + " must hold at least " + minRows + " replies, has " + total);
    return share;
  }

  /** An answer as the tables write it. */
  private static String shown(Optional<Answer> answer) {
    if (answer.isEmpty()) {
      return "-";
    }
    Answer a = answer.get();
    if (a instanceof Answer.Score s) {
      return String.valueOf(s.value());
    }
    if (a instanceof Answer.YesNo y) {
      return y.yes() ? "yes" : "no";
    }
    return a instanceof Answer.Choice c ? c.label() : "text";
  }
}
