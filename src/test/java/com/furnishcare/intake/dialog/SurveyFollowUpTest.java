package com.furnishcare.intake.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A low survey answer becomes a ticket for a person, due within the hour, and the homeowner is told. */
class SurveyFollowUpTest {

  @Test
  void aLowScoreFilesAFollowUpForAPersonDueWithinTheHour() {
    Chat chat = new Chat("o-survey");
    List<String> said = chat.send(MessageKind.SURVEY_FOLLOWUP, "", Map.of("category", "", "description",
        "师傅安装完柜门缝隙很大", "orderNo", "DD2026110301", "customerName", "王芳", "phone", "13800138000",
        "level", "2", "firstResponseMinutes", "60"));
    Ticket ticket = chat.tickets().get(0);
    assertTrue(said.get(0).contains(ticket.id()), said.toString());
    assertEquals(2, ticket.level());
    assertTrue(ticket.needsAgent());
    assertEquals(Duration.ofMinutes(60), Duration.between(ticket.createdAt(), ticket.firstResponseDueAt()));
    assertEquals("D0571", ticket.route().dealer(), "the order's dealer");
    assertEquals("installation", ticket.category(), "judged from the words when the question names none");
    assertEquals("王芳", ticket.customerName());
    assertEquals("师傅安装完柜门缝隙很大", ticket.description());
  }

  @Test
  void theVisitsDealerAndInstallerAnswerForTheFollowUp() {
    Chat chat = new Chat("o-survey-3");
    chat.send(MessageKind.SURVEY_FOLLOWUP, "", Map.of("category", "", "description", "安装师傅态度差",
        "orderNo", "DD2026110301", "dealer", "D0210", "installer", "李师傅", "level", "2", "firstResponseMinutes", "60"));
    Ticket ticket = chat.tickets().get(0);
    assertEquals("D0210", ticket.route().dealer(), "the dealer who did the visit, not the order prefix's");
    assertEquals("上海浦东旗舰店", ticket.route().dealerName());
    assertEquals("李师傅", ticket.installer());

    Chat unknownDealer = new Chat("o-survey-4");
    unknownDealer.send(MessageKind.SURVEY_FOLLOWUP, "", Map.of("category", "", "description", "一般",
        "orderNo", "DD2026110301", "dealer", "D9999", "installer", "", "level", "2", "firstResponseMinutes", "60"));
    assertEquals("D0571", unknownDealer.tickets().get(0).route().dealer(), "a dealer nobody knows: the order's");
    assertEquals("", unknownDealer.tickets().get(0).installer());
  }

  @Test
  void theQuestionsCategoryWinsAndTheHomeownerWaitsForAPerson() {
    Chat chat = new Chat("o-survey-2");
    chat.send(MessageKind.SURVEY_FOLLOWUP, "", Map.of("category", "service_attitude", "description", "一般",
        "orderNo", "", "customerName", "", "phone", "", "level", "2", "firstResponseMinutes", "60"));
    assertEquals("service_attitude", chat.tickets().get(0).category());
    assertEquals("HQ", chat.tickets().get(0).route().dealer());
    String next = chat.last(chat.say("在吗"));
    assertTrue(next.contains("人工") || next.contains("客服"), "waiting for the person who will call: " + next);
  }
}
