package com.furnishcare.intake.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Ticket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 point 3: replies leave the engine as data — what is offered, as options with ids — so the web
 * chat shows buttons and WeChat/SMS numbered lines from the same reply, and a pressed button means what
 * typing its number or label would.
 */
class StructuredRepliesTest {

  private static Reply last(Chat chat) {
    List<Reply> replies = chat.lastReplies();
    return replies.get(replies.size() - 1);
  }

  private static List<String> labels(Reply reply) {
    return reply.options().stream().map(Reply.Option::label).toList();
  }

  @Test
  void theMenuIsOfferedAsOptionsAndReadsAsTheNumberedMenuOnTextChannels() {
    Chat chat = new Chat("s-menu");
    List<String> texts = chat.say("你好");
    Reply menu = last(chat);
    assertEquals(Reply.Kind.CHOICES, menu.kind());
    assertEquals(List.of("投诉", "查询进度", "常见问题", "人工客服"), labels(menu));
    assertFalse(menu.text().contains("1."), "the options are not written into the text: " + menu.text());
    assertTrue(texts.get(texts.size() - 1).endsWith("请回复数字或文字选择：\n1. 投诉\n2. 查询进度\n3. 常见问题\n4. 人工客服"),
        texts.toString());
  }

  @Test
  void pressingAMenuButtonStartsWhatTypingItsNumberStarts() {
    Chat typed = new Chat("s-typed");
    typed.say("你好");
    String byNumber = String.join("\n", typed.say("1"));
    Chat pressed = new Chat("s-pressed");
    pressed.say("你好");
    String complaint = last(pressed).options().get(0).id();
    String byButton = String.join("\n", pressed.press(complaint));
    assertEquals(byNumber, byButton);
    assertTrue(byButton.contains("哪类问题"), byButton);
  }

  @Test
  void problemTypesAreChoicesAndAButtonFillsTheCategory() {
    Chat chat = new Chat("s-category");
    chat.say("我要投诉");
    Reply question = last(chat);
    assertEquals(Reply.Kind.CHOICES, question.kind());
    assertEquals(12, question.options().size());
    assertTrue(labels(question).contains("色差"), labels(question).toString());
    assertTrue(question.plainText().contains("1.渗水/安全隐患  2.服务态度"), question.plainText());
    String colour = question.options().stream().filter(o -> o.label().equals("色差")).findFirst().orElseThrow().id();
    String next = String.join("\n", chat.press(colour));
    assertTrue(next.contains("已记下：问题类型 色差"), next);
  }

  @Test
  void theSummaryIsAYesNoQuestionWithItsTwoAnswersAndTheFiledTicketComesAsACard() {
    Chat chat = new Chat("s-confirm");
    chat.say("衣柜门板色差，订单号DD2026110301，电话13800138000，我叫王芳，住杭州市西湖区文三路100号5幢301，希望更换");
    Reply summary = last(chat);
    assertEquals(Reply.Kind.CONFIRM, summary.kind(), summary.toString());
    assertEquals(List.of("确认", "不对"), labels(summary));
    assertTrue(summary.plainText().equals(summary.text()), "yes/no answers are named in the text, not numbered");
    chat.press("yes");
    Ticket filed = chat.tickets().get(0);
    Reply card = last(chat);
    assertEquals(Reply.Kind.TICKET, card.kind(), card.toString());
    assertEquals(filed.id(), card.fields().get("ticketId"));
    assertTrue(card.text().contains(filed.id()), card.text());
  }

  @Test
  void knowledgeBaseChoicesAreOptionsWhoseButtonsGiveTheirAnswers() {
    Chat typed = new Chat("s-faq-typed");
    typed.say("暖气");
    Reply choices = last(typed);
    assertEquals(Reply.Kind.CHOICES, choices.kind(), choices.toString());
    assertTrue(choices.options().size() >= 2, choices.toString());
    String byNumber = String.join("\n", typed.say("2"));
    Chat pressed = new Chat("s-faq-pressed");
    pressed.say("暖气");
    String byButton = String.join("\n", pressed.press(last(pressed).options().get(1).id()));
    assertEquals(byNumber, byButton);
  }

  @Test
  void aStaleOrMadeUpOptionIsReadAsTheTextSentWithIt() {
    Chat chat = new Chat("s-stale");
    chat.say("你好");
    List<String> replies = chat.press("no-such-option");
    assertFalse(replies.isEmpty());
    assertTrue(chat.tickets().isEmpty());
  }
}
