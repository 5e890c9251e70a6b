package com.furnishcare.intake.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Step;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * At every yes/no step only a clear yes goes on: a question asked back ("嗯？", "确认什么?") gets what is
 * being asked explained and the question again, and nothing is filed, closed or dropped.
 */
class YesNoConversationTest {

  private static final DialogBook BOOK = Chat.book();

  static final List<String> QUESTIONS = List.of("嗯？", "嗯？这是什么", "这是什么", "啊？", "什么意思", "是什么？",
      "确认什么?", "确认什么？", "是吗", "好吗？", "这是干嘛的", "嗯？這是什麼", "為什麼要確認", "ok?");

  private static String joined(List<String> replies) {
    return String.join("\n", replies);
  }

  /** What the step explains when asked back, as written in its flow file. */
  private static String explanation(String flow, String step) {
    String explain = ((Step.Confirm) BOOK.flow(flow).step(step).orElseThrow()).explain();
    assertFalse(explain.isBlank(), flow + "/" + step + " has an explanation");
    return explain;
  }

  /** A complaint told in one message, photos declined: the next thing the bot says is the summary. */
  private static Chat atSummary(String user) {
    Chat chat = new Chat(user);
    chat.say("衣柜门板色差很明显，订单号DD2026110301，电话13800138000，我叫王芳，地址杭州市西湖区文三路100号5幢2单元301室，要求更换");
    assertTrue(joined(chat.say("没有")).contains("请核对投诉信息"));
    return chat;
  }

  @Test
  void aQuestionAtTheSummaryIsAnsweredWithTheSummaryAndWhatIsAskedAndFilesNothing() {
    String explain = explanation("complaint-intake", "confirm");
    for (String question : QUESTIONS) {
      Chat chat = atSummary("yn-summary");
      String reply = joined(chat.say(question));
      assertTrue(chat.tickets().isEmpty(), question + " filed a ticket: " + reply);
      assertTrue(reply.contains(explain) && reply.contains("请核对投诉信息") && reply.contains("DD2026110301"),
          question + " -> " + reply);
      assertFalse(reply.contains("工单号"), question + " -> " + reply);
      // Still at the summary: a clear yes now files it.
      assertTrue(joined(chat.say("确认")).contains("工单号"), "after " + question);
      assertEquals(1, chat.tickets().size());
    }
  }

  @Test
  void aReplyThatIsNeitherYesNorNoAtTheSummaryGetsTheSameExplanation() {
    String explain = explanation("complaint-intake", "confirm");
    for (String unclear : List.of("随便", "好的，不过不对")) {
      Chat chat = atSummary("yn-unclear");
      String reply = joined(chat.say(unclear));
      assertTrue(chat.tickets().isEmpty() && reply.contains(explain) && reply.contains("请核对投诉信息"),
          unclear + " -> " + reply);
    }
  }

  @Test
  void everyClearYesFilesTheComplaint() {
    for (String yes : List.of("是", "是的", "对", "确认", "没问题", "好的", "可以", "嗯", "嗯嗯", "对的", "確認", "是的，提交吧",
        "确认提交")) {
      Chat chat = atSummary("yn-yes");
      assertTrue(joined(chat.say(yes)).contains("工单号"), yes);
      assertEquals(1, chat.tickets().size(), yes);
    }
  }

  @Test
  void aNoAtTheSummaryAsksWhatToChange() {
    for (String no : List.of("不是", "不对", "否")) {
      Chat chat = atSummary("yn-no");
      String reply = joined(chat.say(no));
      assertTrue(reply.contains("要修改的内容") && chat.tickets().isEmpty(), no + " -> " + reply);
    }
  }

  @Test
  void aQuestionWhenAskedWhetherTheProblemIsSolvedKeepsTheTicketOpenUntilAnswered() {
    String explain = explanation("resolution-check", "ask");
    for (String question : List.of("嗯？", "解决了吗？", "什么意思", "是不是要我确认")) {
      Chat chat = atSummary("yn-solved");
      chat.say("确认");
      String id = chat.tickets().get(0).id();
      chat.statusChanged(id, "resolved", "");
      String reply = joined(chat.say(question));
      assertTrue(reply.contains(explain) && reply.contains("解决了吗"), question + " -> " + reply);
      assertEquals(TicketStatus.RESOLVED, chat.tickets().get(0).status(), question);
      assertTrue(joined(chat.say("已解决")).contains("已关闭"));
      assertEquals(TicketStatus.CLOSED, chat.tickets().get(0).status());
    }
  }

  @Test
  void aQuestionWhenAskedWhetherToResumeDropsNothing() {
    String explain = explanation("resume", "ask");
    Chat chat = new Chat("yn-resume");
    chat.say("衣柜门板色差很明显，订单号DD2026110301");
    chat.pause(Duration.ofHours(3));
    assertTrue(joined(chat.say("在吗")).contains("继续吗"));
    String reply = joined(chat.say("啊？什么意思"));
    assertTrue(reply.contains(explain) && reply.contains("继续吗"), reply);
    assertEquals("DD2026110301", chat.session().get("slot.orderNo", ""));
    assertTrue(joined(chat.say("是")).contains("手机号"));
  }

  @Test
  void aQuestionWhenAskedWhetherToCancelCancelsNothing() {
    String explain = explanation("cancel", "ask");
    for (String question : List.of("嗯？", "取消什么？", "什么意思")) {
      Chat chat = new Chat("yn-cancel");
      chat.say("衣柜门板色差很明显，订单号DD2026110301");
      assertTrue(joined(chat.say("取消")).contains("确定要取消"));
      String reply = joined(chat.say(question));
      assertTrue(reply.contains(explain) && reply.contains("确定要取消"), question + " -> " + reply);
      assertEquals("DD2026110301", chat.session().get("slot.orderNo", ""), question);
      String back = joined(chat.say("否"));
      assertTrue(back.contains("继续") && back.contains("手机号"), question + " then 否 -> " + back);
    }
  }

  @Test
  void aQuestionWhenAskedToConfirmAChangeKeepsBothValuesUntilAnswered() {
    Chat chat = new Chat("yn-change");
    chat.say("衣柜门板色差很明显，订单号DD2026110301，电话13800138000");
    assertTrue(joined(chat.say("13912345678")).contains("要改成"));
    String reply = joined(chat.say("嗯？"));
    assertTrue(reply.contains("要改成“13912345678”"), reply);
    assertEquals("13800138000", chat.session().get("slot.phone", ""));
    chat.say("是");
    assertEquals("13912345678", chat.session().get("slot.phone", ""));
  }
}
