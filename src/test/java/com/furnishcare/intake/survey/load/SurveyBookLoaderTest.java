package com.furnishcare.intake.survey.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.survey.model.AskIf;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped surveys load; a broken copy is refused at start with the file, the line and what is wrong. */
class SurveyBookLoaderTest {

  @TempDir
  Path dir;

  @BeforeEach
  void copyShippedSurveys() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("dialogs/surveys"))) {
      for (Path p : files.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void edit(String file, String from, String to) throws Exception {
    Path path = dir.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), file + " no longer contains " + from);
    Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
  }

  /** The 1-based line where {@code text} (which may span lines) starts in the edited copy of {@code file}. */
  private int lineOf(String file, String text) throws Exception {
    String content = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    int at = content.indexOf(text);
    if (at < 0) {
      throw new AssertionError(text + " not in " + file);
    }
    return (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  private String refusal() {
    return assertThrows(DialogDataException.class, () -> SurveyBookLoader.load(dir)).getMessage();
  }

  private void assertRefused(String expectedStart) {
    String refusal = refusal();
    assertTrue(refusal.startsWith(expectedStart), "expected " + expectedStart + "… but was: " + refusal);
  }

  @Test
  void shippedSurveysLoad() throws Exception {
    SurveyBook book = SurveyBookLoader.load(Path.of("dialogs/surveys"));
    assertEquals(SurveyBook.REQUIRED_IDS.stream().sorted().toList(), book.surveys().keySet().stream().sorted().toList());
    assertEquals(Survey.Node.INSTALLATION, book.survey("post-installation").node());
    assertEquals(Survey.Node.COMPLAINT, book.survey("return-visit").node());
    assertEquals(Survey.Node.DESIGN, book.survey("post-design").node());
    assertEquals(Survey.Node.MEASUREMENT, book.survey("post-measurement").node());
    assertEquals(Survey.Node.REPAIR, book.survey("post-repair").node());
    assertTrue(book.words().optOut().containsAll(List.of("退订", "td", "拒收", "不要再发")), "opt-out words exposed");
  }

  @Test
  void postInstallationAsksTheThreeCoreScoresThenRecommendationThenFreeWords() throws Exception {
    Survey survey = SurveyBookLoader.load(Path.of("dialogs/surveys")).survey("post-installation");
    List<Question> asked = survey.questions().stream().filter(q -> q.askIf().isEmpty()).toList();
    assertEquals(List.of(Question.Type.SCALE, Question.Type.SCALE, Question.Type.SCALE, Question.Type.NPS,
        Question.Type.TEXT), asked.stream().map(Question::type).toList());
    assertTrue(asked.get(0).text().contains("服务态度") && asked.get(1).text().contains("专业")
        && asked.get(2).text().contains("准时"), asked.toString());
    Question why = survey.question("attitude-why").orElseThrow();
    assertEquals(AskIf.atMost("attitude", 3), why.askIf().orElseThrow());
  }

  @Test
  void everySurveyFollowsUpALowAnswerAndEveryScaleSaysHowToAnswerInOneDigit() throws Exception {
    for (Survey survey : SurveyBookLoader.load(Path.of("dialogs/surveys")).surveys().values()) {
      assertTrue(survey.questions().stream().anyMatch(q -> q.askIf().isPresent()), survey.id() + " has no skip logic");
      for (Question q : survey.questions()) {
        if (q.type() == Question.Type.SCALE) {
          assertTrue(q.inChat().contains("1-5分") && q.inChat().contains("5分最满意"), survey.id() + "/" + q.id());
        }
        if (q.type() == Question.Type.NPS) {
          assertTrue(q.inChat().contains("0-10分"), survey.id() + "/" + q.id());
        }
        // The page shows the question with its own buttons: how to reply by message is for the chat alone.
        assertFalse(q.text().matches(".*(请回复|回复“).*"), survey.id() + "/" + q.id() + " on the page: " + q.text());
      }
    }
  }

  @Test
  void aQuestionAnsweredByChoiceWithoutHowToReplyIsRefused() throws Exception {
    edit("post-repair.yaml", "    howToReply: 请回复“是”或“否”。\n", "");
    assertRefused("post-repair.yaml:" + lineOf("post-repair.yaml", "  - id: fixed\n")
        + ": question 'fixed' needs a 'howToReply' text, said after it in the chat");
  }

  @Test
  void aChoiceWhoseHowToReplyLeavesOutAnOptionIsRefused() throws Exception {
    edit("post-design.yaml", "；3 不太符合。", "。");
    assertRefused("post-design.yaml:" + lineOf("post-design.yaml", "howToReply: 请回复序号")
        + ": question 'plan-fit': 'howToReply' must name every option, the chat shows no buttons; '不太符合' is missing");
  }

  @Test
  void unknownKeyIsRefused() throws Exception {
    edit("post-design.yaml", "    followUpCategory: design_error", "    followupCategory: design_error");
    assertRefused("post-design.yaml:" + lineOf("post-design.yaml", "followupCategory") + ": unknown question key"
        + " 'followupCategory'");
  }

  @Test
  void missingTextIsRefused() throws Exception {
    edit("post-repair.yaml", "lowScoreReply: 非常抱歉给您添麻烦了。您的反馈已转给专人，我们会尽快联系您处理。\n", "");
    assertRefused("post-repair.yaml:" + lineOf("post-repair.yaml", "id: post-repair") + ": missing 'lowScoreReply'");
  }

  @Test
  void emptyQuestionTextIsRefused() throws Exception {
    edit("return-visit.yaml", "    text: 您对处理速度满意吗？", "    text: \"\"");
    assertRefused("return-visit.yaml:" + lineOf("return-visit.yaml", "text: \"\"") + ": 'text' is empty");
  }

  @Test
  void unknownQuestionTypeIsRefused() throws Exception {
    edit("post-measurement.yaml", "type: yes-no", "type: yesno");
    assertRefused("post-measurement.yaml:" + lineOf("post-measurement.yaml", "type: yesno")
        + ": unknown question type 'yesno'; known: [scale, nps, choice, yes-no, text]");
  }

  @Test
  void duplicateQuestionIdIsRefused() throws Exception {
    edit("post-installation.yaml", "  - id: timeliness\n", "  - id: professionalism\n");
    edit("post-installation.yaml", "askIf: {question: timeliness, atMost: 3}", "askIf: {question: attitude, atMost: 3}");
    assertRefused("post-installation.yaml:" + lineOf("post-installation.yaml", "  - id: professionalism\n    type: scale\n    text: 师傅是否")
        + ": question id 'professionalism' is used twice");
  }

  @Test
  void askIfNamingALaterQuestionIsRefused() throws Exception {
    edit("post-installation.yaml", "askIf: {question: attitude, atMost: 3}", "askIf: {question: timeliness, atMost: 3}");
    assertRefused("post-installation.yaml:" + lineOf("post-installation.yaml", "question: timeliness, atMost")
        + ": askIf names 'timeliness', which is not an earlier question of this survey");
  }

  @Test
  void askIfNamingAnUnknownQuestionIsRefused() throws Exception {
    edit("post-repair.yaml", "askIf: {question: speed, atMost: 3}", "askIf: {question: sped, atMost: 3}");
    assertRefused("post-repair.yaml:" + lineOf("post-repair.yaml", "question: sped")
        + ": askIf names 'sped', which is not an earlier question");
  }

  @Test
  void askIfWithAnOperatorThatDoesNotFitTheQuestionTypeIsRefused() throws Exception {
    edit("post-repair.yaml", "askIf: {question: fixed, equals: \"no\"}", "askIf: {question: fixed, atMost: 3}");
    assertRefused("post-repair.yaml:" + lineOf("post-repair.yaml", "question: fixed, atMost")
        + ": 'fixed' is a yes-no question: use equals, not atMost");
  }

  @Test
  void askIfEqualsOnAScoreIsRefused() throws Exception {
    edit("post-installation.yaml", "askIf: {question: attitude, atMost: 3}", "askIf: {question: attitude, equals: 3}");
    assertRefused("post-installation.yaml:" + lineOf("post-installation.yaml", "equals: 3")
        + ": 'attitude' is a scale question: use atMost or atLeast, not equals");
  }

  @Test
  void askIfOutsideTheScaleIsRefused() throws Exception {
    edit("post-installation.yaml", "askIf: {question: attitude, atMost: 3}", "askIf: {question: attitude, atMost: 6}");
    assertRefused("post-installation.yaml:" + lineOf("post-installation.yaml", "atMost: 6")
        + ": atMost 6 is outside scale scores 1-5");
  }

  @Test
  void askIfEqualsAnOptionThatDoesNotExistIsRefused() throws Exception {
    edit("post-design.yaml", "equals: 不太符合", "equals: 不符合");
    assertRefused("post-design.yaml:" + lineOf("post-design.yaml", "equals: 不符合")
        + ": 'plan-fit' has no option '不符合'");
  }

  @Test
  void followUpIfNamingNoOptionOrOnAScoreIsRefused() throws Exception {
    edit("post-design.yaml", "followUpIf: 不太符合", "followUpIf: 不符合");
    assertRefused("post-design.yaml:" + lineOf("post-design.yaml", "followUpIf: 不符合")
        + ": question 'plan-fit' has no option '不符合'");
    copyShippedSurveys();
    edit("post-repair.yaml", "followUpIf: \"no\"", "followUpIf: maybe");
    assertRefused("post-repair.yaml:" + lineOf("post-repair.yaml", "followUpIf: maybe")
        + ": question 'fixed': a yes-no question follows up on 'yes' or 'no', not 'maybe'");
    copyShippedSurveys();
    edit("post-installation.yaml", "    followUpCategory: service_attitude\n", "    followUpCategory: service_attitude\n    followUpIf: [1]\n");
    assertTrue(refusal().contains("only yes-no and choice questions take followUpIf"), refusal());
  }

  @Test
  void surveyIdThatIsNotDispatchedIsRefused() throws Exception {
    Files.writeString(dir.resolve("post-delivery.yaml"), Files.readString(dir.resolve("post-repair.yaml"))
        .replace("id: post-repair", "id: post-delivery"));
    assertRefused("post-delivery.yaml:" + lineOf("post-delivery.yaml", "id: post-delivery")
        + ": survey id 'post-delivery' is not one of [post-design, post-measurement, post-installation, post-repair,"
        + " return-visit]");
  }

  @Test
  void surveyInAFileOfAnotherNameIsRefused() throws Exception {
    Files.move(dir.resolve("post-repair.yaml"), dir.resolve("repair.yaml"));
    assertRefused("repair.yaml:" + lineOf("repair.yaml", "id: post-repair")
        + ": survey 'post-repair' must be in the file post-repair.yaml");
  }

  @Test
  void missingSurveyIsRefused() throws Exception {
    Files.delete(dir.resolve("return-visit.yaml"));
    assertRefused("return-visit.yaml:1: missing from the surveys directory");
  }

  @Test
  void missingAnswerWordsAreRefused() throws Exception {
    Files.delete(dir.resolve("answer-words.yaml"));
    assertRefused("answer-words.yaml:1: missing from the surveys directory");
  }

  @Test
  void choiceWithoutOptionsIsRefused() throws Exception {
    edit("post-design.yaml", "    options: [完全符合, 基本符合, 不太符合]\n", "");
    assertRefused("post-design.yaml:" + lineOf("post-design.yaml", "  - id: plan-fit\n") + ": missing 'options'");
  }

  @Test
  void optionsOnAScaleAreRefused() throws Exception {
    edit("post-design.yaml", "    followUpCategory: service_attitude\n  - id: communication-why",
        "    options: [好, 坏]\n    followUpCategory: service_attitude\n  - id: communication-why");
    assertRefused("post-design.yaml:" + lineOf("post-design.yaml", "options: [好, 坏]")
        + ": only choice questions have options; this one is scale");
  }

  @Test
  void wordWithTwoScoresIsRefused() throws Exception {
    edit("answer-words.yaml", "  4: [满意, ", "  4: [还行, 满意, ");
    assertRefused("answer-words.yaml:" + lineOf("answer-words.yaml", "  3: [还行")
        + ": '还行' is in scale 3 and already in scale 4 (answer-words.yaml:" + lineOf("answer-words.yaml", "  4: [还行")
        + "); a word may stand in one place only");
  }

  @Test
  void wordThatIsBothYesAndNoIsRefused() throws Exception {
    edit("answer-words.yaml", "no: [不是, ", "no: [不是, 是的, ");
    assertRefused("answer-words.yaml:" + lineOf("answer-words.yaml", "no: [不是, 是的") + ": '是的' is in no and already in yes");
  }

  @Test
  void optOutWordThatIsAlsoAnAnswerIsRefused() throws Exception {
    edit("answer-words.yaml", "optOut: [退订, ", "optOut: [退订, 不推荐, ");
    assertRefused("answer-words.yaml:" + lineOf("answer-words.yaml", "optOut: [") + ": '不推荐' is in optOut and already in nps 0");
  }

  @Test
  void traditionalSpellingOfAListedWordCountsAsTheSameWord() throws Exception {
    edit("answer-words.yaml", "lukewarm: [一般, ", "lukewarm: [一般, 還行, 还行, ");
    assertRefused("answer-words.yaml:" + lineOf("answer-words.yaml", "lukewarm: [") + ": '还行' is in lukewarm and already"
        + " in lukewarm");
  }

  @Test
  void aLukewarmWordMayAlsoBeAScore() throws Exception {
    SurveyBook book = SurveyBookLoader.load(dir);
    assertEquals(3, book.words().scale().get("一般"));
    assertTrue(book.words().lukewarm().contains("一般"));
  }

  @Test
  void brokenYamlNamesTheLine() throws Exception {
    edit("post-measurement.yaml", "questions:\n", "questions:\n  - id: [oops\n");
    assertTrue(refusal().startsWith("post-measurement.yaml:"), refusal());
    assertTrue(refusal().contains("not valid YAML"), refusal());
  }
}
