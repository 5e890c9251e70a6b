package com.furnishcare.intake.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.survey.SurveyConversation.Outcome;
import com.furnishcare.intake.survey.SurveyConversation.Step;
import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The post-installation survey in the chat, reply by reply, on the shipped survey files. */
class SurveyConversationTest {

  private static SurveyBook book;
  private static SurveyConversation chat;

  @BeforeAll
  static void load() throws Exception {
    book = SurveyBookLoader.load(Path.of("dialogs/surveys"));
    chat = new SurveyConversation(new AnswerReader(book.words()), SurveyConversation.Thresholds.defaults());
  }

  /** The steps of a whole conversation: the opening, then one step per reply until the survey ends. */
  private static List<Step> run(String... replies) {
    List<Step> steps = new ArrayList<>();
    Step step = chat.start(book, "job-1", "post-installation");
    steps.add(step);
    for (String reply : replies) {
      if (step.progress().isEmpty()) {
        throw new AssertionError("the survey had already ended before: " + reply);
      }
      step = chat.reply(book, step.progress().get(), reply);
      steps.add(step);
    }
    return steps;
  }

  private static Step last(List<Step> steps) {
    return steps.get(steps.size() - 1);
  }

  @Test
  void aHappyHomeownerAnswersEveryQuestionAndIsThankedAsAPromoter() {
    List<Step> steps = run("5", "五星", "非常满意", "10分", "无");
    assertEquals(Outcome.COMPLETED, last(steps).outcome());
    assertEquals(List.of(book.survey("post-installation").thanksPromoter()), last(steps).say());
    assertEquals(List.of(new Answer.Score(5), new Answer.Score(5), new Answer.Score(5), new Answer.Score(10)),
        steps.stream().skip(1).flatMap(s -> s.answered().stream()).map(SurveyConversation.Answered::answer)
            .limit(4).toList());
    assertTrue(steps.stream().allMatch(s -> s.followUp().isEmpty()), "nobody needs to call");
    assertEquals(2, steps.get(0).say().size(), "the intro, then the first question");
  }

  @Test
  void aLukewarmAnswerAsksForAPersonAtOnceAndWhatWentWrong() {
    List<Step> steps = run("一般般");
    Step step = last(steps);
    assertEquals(Outcome.CONTINUES, step.outcome());
    assertEquals(Optional.of("service_attitude"), step.followUp().map(SurveyConversation.FollowUp::category));
    assertEquals("attitude-why", step.progress().orElseThrow().questionId(), "skip logic: the 'why' question");
    List<Step> rest = run("一般般", "师傅态度很冷淡", "4", "4", "8", "无");
    assertEquals(1, rest.stream().filter(s -> s.followUp().isPresent()).count(), "one follow-up per survey");
    assertEquals(List.of(book.survey("post-installation").lowScoreReply()), last(rest).say());
  }

  @Test
  void aGoodScoreSkipsTheWhyQuestionAndADetractorIsFollowedUp() {
    List<Step> steps = run("5", "5", "5", "6");
    assertEquals(Optional.of("recommend"), last(steps).followUp().map(SurveyConversation.FollowUp::questionId));
    assertTrue(steps.stream().map(s -> s.progress().map(SurveyConversation.Progress::questionId).orElse(""))
        .noneMatch(q -> q.endsWith("-why")), "no 'why' after a 5");
  }

  @Test
  void aRepairNotFixedCallsForAPersonLikeALowScoreAndAFixedOneDoesNot() {
    Step opening = chat.start(book, "job-2", "post-repair");
    Step notFixed = chat.reply(book, opening.progress().orElseThrow(), "还没修好");
    assertEquals(Optional.of("fixed"), notFixed.followUp().map(SurveyConversation.FollowUp::questionId),
        "'否' on 修好了吗 is the survey file's followUpIf");
    assertEquals(Optional.of("repair_delay"), notFixed.followUp().map(SurveyConversation.FollowUp::category));
    Step fixed = chat.reply(book, opening.progress().orElseThrow(), "修好了");
    assertEquals(Optional.empty(), fixed.followUp());

    Step design = chat.start(book, "job-3", "post-design");
    Step afterScore = chat.reply(book, design.progress().orElseThrow(), "5");
    Step poorFit = chat.reply(book, afterScore.progress().orElseThrow(), "3");
    assertEquals(Optional.of("design_error"), poorFit.followUp().map(SurveyConversation.FollowUp::category),
        "option 3 不太符合 is a followUpIf answer");
  }

  @Test
  void traditionalScriptReadsAsSimplified() {
    assertEquals(last(run("非常满意", "还行")).answered(), last(run("非常滿意", "還行")).answered().map(a ->
        new SurveyConversation.Answered(a.questionId(), a.answer(), "还行")));
  }

  @Test
  void anUnclearReplyIsAskedOnceMoreThenTheSurveyMovesOn() {
    List<Step> steps = run("我想想", "嗯嗯？");
    assertEquals(List.of(book.survey("post-installation").question("attitude").orElseThrow().explain()),
        steps.get(1).say());
    assertEquals("professionalism", last(steps).progress().orElseThrow().questionId(), "no dead end");
    assertTrue(last(steps).answered().isEmpty());
  }

  @Test
  void optingOutAndComplainingEndTheSurvey() {
    assertEquals(Outcome.OPTED_OUT, last(run("5", "TD")).outcome());
    assertEquals(List.of(book.messages().optedOut()), last(run("退订")).say());
    Step complaint = last(run("柜门掉了，你们什么时候来修"));
    assertEquals(Outcome.ENDED_FOR_COMPLAINT, complaint.outcome());
    assertTrue(complaint.progress().isEmpty());
  }
}
