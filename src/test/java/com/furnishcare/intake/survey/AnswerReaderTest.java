package com.furnishcare.intake.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.AskIf;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lukewarm words, opt-outs, complaints mid-survey and skip logic, with the shipped surveys and words. */
class AnswerReaderTest {

  private static SurveyBook book;
  private static AnswerReader reader;

  @BeforeAll
  static void load() throws Exception {
    book = SurveyBookLoader.load(Path.of("dialogs/surveys"));
    reader = new AnswerReader(book.words());
  }

  private static Question question(String survey, String id) {
    return book.survey(survey).question(id).orElseThrow();
  }

  @Test
  void lukewarmWordsCallForAFollowUpEvenWithAGoodScore() {
    for (String reply : List.of("一般", "还行吧", "還行", "再看看", "凑合", "马马虎虎", "5分吧，就是一般般")) {
      assertTrue(reader.lukewarm(reply), reply);
    }
    for (String reply : List.of("5", "非常满意", "师傅很专业", "不满意")) {
      assertFalse(reader.lukewarm(reply), reply);
    }
    assertEquals(Optional.of(new Answer.Score(5)), reader.read(question("post-installation", "attitude"),
        "5分吧，就是一般般"), "the digit is the score; the lukewarm word adds the follow-up");
  }

  @Test
  void optOutIsTheWholeMessageNotAWordInASentence() {
    for (String reply : List.of("退订", "TD", "td", "ＴＤ", "T", "拒收", "不要再发了", "退訂", "请退订，谢谢", "退订！")) {
      assertTrue(reader.optOut(reply), reply);
    }
    for (String reply : List.of("我不想退订", "退订是什么意思", "5", "还行", "td123", "不要再发错货了")) {
      assertFalse(reader.optOut(reply), reply);
    }
  }

  @Test
  void aComplaintMidSurveyIsNoScoreSoItCanGoToTheIntake() {
    Question attitude = question("post-installation", "attitude");
    Question recommend = question("post-installation", "recommend");
    for (String reply : List.of("柜门掉了，你们什么时候来修", "1分，柜门掉了你们什么时候来修", "太差了，我要投诉",
        "台面渗水了，5分也不会给")) {
      assertEquals(Optional.empty(), reader.read(attitude, reply), reply);
      assertEquals(Optional.empty(), reader.read(recommend, reply), reply);
    }
    assertEquals(Optional.of(new Answer.Score(1)), reader.read(attitude, "差"));
    assertEquals(Optional.of(new Answer.Score(1)), reader.read(attitude, "很差"));
    assertEquals(Optional.empty(), reader.read(attitude, "差点被柜门砸到"), "a word inside a sentence is no score");
  }

  @Test
  void theWhatWentWrongQuestionTakesTheComplaintAsItsAnswer() {
    Question why = question("post-installation", "attitude-why");
    assertEquals(Optional.of(new Answer.Text("柜门掉了，你们什么时候来修")), reader.read(why, " 柜门掉了，你们什么时候来修 "));
  }

  @Test
  void whatWentWrongIsAskedAfterThreeOrLessOnly() {
    AskIf lowAttitude = question("post-installation", "attitude-why").askIf().orElseThrow();
    Question attitude = question("post-installation", "attitude");
    assertTrue(lowAttitude.holdsFor(reader.read(attitude, "还行").orElseThrow()));
    assertTrue(lowAttitude.holdsFor(reader.read(attitude, "3").orElseThrow()));
    assertFalse(lowAttitude.holdsFor(reader.read(attitude, "满意").orElseThrow()));
    assertFalse(lowAttitude.holdsFor(reader.read(attitude, "五星").orElseThrow()));
  }

  @Test
  void choiceAndYesNoSkipLogicFollowTheAnswer() {
    Survey design = book.survey("post-design");
    AskIf planWrong = design.question("plan-fit-why").orElseThrow().askIf().orElseThrow();
    assertTrue(planWrong.holdsFor(reader.read(design.question("plan-fit").orElseThrow(), "3").orElseThrow()));
    assertFalse(planWrong.holdsFor(reader.read(design.question("plan-fit").orElseThrow(), "基本符合").orElseThrow()));
    AskIf notChecked = question("post-measurement", "size-checked-why").askIf().orElseThrow();
    Question checked = question("post-measurement", "size-checked");
    assertTrue(notChecked.holdsFor(reader.read(checked, "沒有").orElseThrow()));
    assertFalse(notChecked.holdsFor(reader.read(checked, "是的").orElseThrow()));
  }

  @Test
  void digitsInsideOrderNumbersAndDurationsAreNoScore() {
    Question attitude = question("post-installation", "attitude");
    for (String reply : List.of("订单DD2026110301", "等了3天才来", "一直没人来", "3分或者4分吧")) {
      assertEquals(Optional.empty(), reader.read(attitude, reply), reply);
    }
  }
}
