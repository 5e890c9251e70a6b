package com.furnishcare.intake.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.faq.LongTexts;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Questions answered from the knowledge base, outside and in the middle of an intake. */
class FaqConversationTest {

  private static String joined(List<String> replies) {
    return String.join("\n", replies);
  }

  @Test
  void aQuestionIsAnsweredAndItsCategoryOffersAComplaintThatStartsWithTheCategoryKnown() {
    Chat chat = new Chat("f-gap");
    String answer = joined(chat.say("柜子缝隙多大算正常？"));
    assertTrue(answer.contains("3 毫米"), answer);
    assertTrue(answer.contains("需要登记投诉吗"), "the entry names a category: " + answer);
    assertEquals("", chat.session().get("dlg.stack", ""), "no intake started by a question");

    String intake = joined(chat.say("是的"));
    assertTrue(intake.contains("描述") && !intake.contains("哪类问题"), "category already known: " + intake);
    assertEquals("installation", chat.session().get("slot.category", ""));
  }

  @Test
  void askingBackAtTheOfferExplainsItAndStartsNothingUntilAYes() {
    String explained = Chat.book().menu().answers().offerExplained();
    assertFalse(explained.isBlank());
    for (String question : List.of("嗯？", "什么意思", "是什么？", "嗯？这是什么")) {
      Chat chat = new Chat("f-offer-ask");
      assertTrue(joined(chat.say("柜子缝隙多大算正常？")).contains("需要登记投诉吗"));
      String reply = joined(chat.say(question));
      assertTrue(reply.contains(explained) && reply.contains("需要登记投诉吗"), question + " -> " + reply);
      assertEquals("", chat.session().get("dlg.stack", ""), question + " started an intake");
      String intake = joined(chat.say("是的"));
      assertTrue(intake.contains("描述") && !intake.contains("哪类问题"), question + " then 是的 -> " + intake);
    }
  }

  @Test
  void askingToBookTheInstallerIsAnsweredFromTheKnowledgeBaseAndStartsNoComplaint() {
    for (String opening : new String[] {null, "柜子缝隙多大算正常？"}) {
      Chat chat = new Chat("f-booking");
      if (opening != null) {
        assertTrue(joined(chat.say(opening)).contains("需要登记投诉吗"));
      }
      String reply = joined(chat.say("预约安装师傅"));
      assertTrue(reply.contains("怎么预约安装"), reply);
      assertEquals("", chat.session().get("dlg.stack", ""), "after " + opening + ": " + reply);
      assertEquals("", chat.session().get("slot.category", ""));
      assertTrue(chat.tickets().isEmpty());
    }
  }

  @Test
  void aQuestionInOtherWordsIsAnsweredWithTheOfferAndAComplaintStillOpensTheIntake() {
    // Asked without the question words, about a problem or about complaining itself: answered, nothing started.
    for (String question : new String[] {"交货晚了你们赔不赔", "維修要錢嗎", "投诉流程是怎样的", "投诉能撤回吗"}) {
      Chat chat = new Chat("f-other-words");
      String reply = joined(chat.say(question));
      assertEquals("", chat.session().get("dlg.stack", ""), question + " opened an intake: " + reply);
      assertTrue(chat.tickets().isEmpty());
    }
    Chat delay = new Chat("f-delay");
    assertTrue(joined(delay.say("交货晚了你们赔不赔")).contains("需要登记投诉吗"), "the entry's category is offered");
    String yes = joined(delay.say("是的"));
    assertTrue(delay.session().get("dlg.stack", "").startsWith("complaint-intake"), yes);
    assertEquals("late_delivery", delay.session().get("slot.category", ""));
    // Saying it is filing it.
    for (String complaint : new String[] {"我要投诉", "房门关不上了", "柜子做小了放不进冰箱"}) {
      Chat chat = new Chat("f-statement");
      String reply = joined(chat.say(complaint));
      assertTrue(chat.session().get("dlg.stack", "").startsWith("complaint-intake"), complaint + ": " + reply);
    }
  }

  @Test
  void declinedOfferIsAcknowledgedAndNothingIsFiled() {
    Chat chat = new Chat("f-decline");
    assertTrue(joined(chat.say("配件多久能到")).contains("需要登记投诉吗"));
    String reply = joined(chat.say("不用了"));
    assertTrue(reply.contains("其他问题"), reply);
    assertEquals("", chat.session().get("dlg.stack", ""));
    assertTrue(chat.tickets().isEmpty());
  }

  @Test
  void traditionalScriptGetsTheSameAnswerAsSimplified() {
    String simplified = joined(new Chat("f-s").say("暖气片漏水怎么办？"));
    String traditional = joined(new Chat("f-t").say("暖氣片漏水怎麼辦？"));
    assertTrue(simplified.contains("关闭暖气片进水、回水两个阀门"), simplified);
    assertEquals(simplified, traditional);
  }

  @Test
  void aQuestionInTheMiddleOfTheIntakeIsAnsweredAndTheIntakeResumesWhereItWas() {
    Chat chat = new Chat("f-mid");
    assertTrue(joined(chat.say("我家橱柜门关不上")).contains("订单号"));
    List<String> replies = chat.say("对了，配件多久能到？");
    String all = joined(replies);
    assertTrue(all.contains("48 小时"), all);
    assertTrue(chat.last(replies).startsWith("回到刚才的问题：") && chat.last(replies).contains("订单号"), all);
    assertFalse(all.contains("需要登记投诉吗"), "already filing one: " + all);

    String next = joined(chat.say("DD2026110301"));
    assertTrue(next.contains("手机号"), "the intake goes on from the order number: " + next);
    assertEquals("DD2026110301", chat.session().get("slot.orderNo", ""));
    assertEquals("installation", chat.session().get("slot.category", ""));
  }

  @Test
  void aTicketsTranscriptNamesTheAnswersGivenByTheirQuestionAndKeepsTheHomeownersWords() {
    Chat chat = new Chat("f-logged");
    String answer = joined(chat.say("配件多久能到"));
    assertTrue(answer.contains("48 小时"), answer);
    for (int i = 0; i < 10; i++) {
      assertTrue(joined(chat.say("柜子缝隙多大算正常？")).contains("3 毫米"));
    }
    // Ten answers of a few hundred characters each would otherwise be most of what the session carries.
    String kept = chat.session().get("dlg.transcript", "");
    assertTrue(kept.length() < 1_000, kept.length() + " characters: " + kept);
    assertFalse(kept.contains("48 小时") || kept.contains("3 毫米"), kept);

    chat.say("衣柜门板色差很明显，订单号DD2026110301，电话13800138000，我叫王芳，"
        + "地址杭州市西湖区文三路100号5幢2单元301室，要求更换");
    chat.say("确认");
    List<String> transcript = chat.tickets().get(0).transcript();
    String all = String.join("\n", transcript);
    assertTrue(transcript.stream().anyMatch(l -> l.contains("配件多久能到") && l.startsWith("用户")), all);
    assertTrue(transcript.stream().anyMatch(l -> l.contains("知识库") && l.contains("需要登记投诉吗")), all);
    assertTrue(transcript.stream().anyMatch(l -> l.contains("衣柜门板色差很明显")), all);
    assertFalse(all.contains("48 小时"), "the answer's text is the knowledge base's, not the transcript's: " + all);
  }

  @Test
  void closeCandidatesAreOfferedAsNumberedChoicesAndANumberPicksOne() {
    Chat chat = new Chat("f-choices");
    String choices = joined(chat.say("暖气"));
    assertTrue(choices.contains("您想问的是哪一个"), choices);
    String answer = joined(chat.say("3"));
    assertTrue(answer.contains(answerOfChoice(choices, "3")), answer);

    // The numbers belong to the choices for one message only: afterwards "1" is the main menu again.
    String menu = joined(chat.say("1"));
    assertTrue(menu.contains("哪类问题"), menu);
  }

  @Test
  void aMessageOfTwoThousandCharactersGetsAnOrdinaryReplyBeforeAndDuringAnIntake() {
    for (String text : LongTexts.all()) {
      String shown = text.substring(0, 20) + "…";
      Chat idle = new Chat("f-long-idle");
      List<String> replies = idle.say(text);
      assertFalse(replies.isEmpty() || replies.stream().anyMatch(String::isBlank), shown + " -> " + replies);

      Chat asked = new Chat("f-long-intake");
      assertTrue(joined(asked.say("我家橱柜门关不上")).contains("订单号"));
      replies = asked.say(text + "？");
      assertFalse(replies.isEmpty() || replies.stream().anyMatch(String::isBlank), shown + " -> " + replies);
      assertTrue(asked.session().get("dlg.stack", "").contains("complaint-intake"),
          "the intake goes on after " + shown + ": " + replies);
    }
  }

  /** The answer of the entry offered as choice {@code number}. */
  private static String answerOfChoice(String choices, String number) {
    Matcher m = Pattern.compile("(?m)^" + number + "\\. (.*)$").matcher(choices);
    assertTrue(m.find(), choices);
    String question = m.group(1);
    return Chat.FAQ.entries().stream().filter(e -> e.question().equals(question)).findFirst().orElseThrow().answer();
  }

  @Test
  void choicesInTheMiddleOfTheIntakeAnswerThenResume() {
    Chat chat = new Chat("f-mid-choices");
    assertTrue(joined(chat.say("衣柜门板有色差")).contains("订单号"));
    String choices = joined(chat.say("暖气怎么办？"));
    assertTrue(choices.contains("您想问的是哪一个"), choices);
    List<String> replies = chat.say("2");
    assertTrue(joined(replies).contains(answerOfChoice(choices, "2")), joined(replies));
    assertTrue(chat.last(replies).startsWith("回到刚才的问题：") && chat.last(replies).contains("订单号"),
        joined(replies));
  }

  @Test
  void whenNothingFitsTheBotSaysSoAndOffersAComplaintOrAPerson() {
    Chat chat = new Chat("f-none");
    String reply = joined(chat.say("你们卖沙发吗？"));
    assertTrue(reply.contains("没有找到") && reply.contains("投诉") && reply.contains("人工"), reply);
  }

  @Test
  void thanksAndBareAcknowledgementsAreNotLookedUp() {
    Chat chat = new Chat("f-thanks");
    for (String ack : List.of("谢谢", "好的", "收到", "嗯嗯")) {
      assertEquals(List.of("不客气！还有其他问题可以随时问我。"), chat.say(ack), ack);
    }
  }

  @Test
  void aStatementTheBotDoesNotKnowIsLookedUpBeforeGivingUp() {
    Chat chat = new Chat("f-statement");
    String reply = joined(chat.say("发票抬头开错了"));
    assertTrue(reply.contains("重开"), reply);
  }
}
