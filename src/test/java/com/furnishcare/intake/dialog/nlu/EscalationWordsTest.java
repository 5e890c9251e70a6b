package com.furnishcare.intake.dialog.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Escalation words made of digits ("12315", "315") are words, not digit patterns: an order or phone number
 * that happens to hold them is not a threat to call the consumer hotline. Found by RedisOutageTest, whose
 * 315th intake of a homeowner (order DD2026030315) was escalated to a person with an urgent ticket.
 */
class EscalationWordsTest {

  private static List<String> escalating(List<String> messages, boolean want) {
    List<String> wrong = new ArrayList<>();
    for (String m : messages) {
      if (ShippedNlu.read(m, Optional.empty()).has(Intent.ESCALATE) != want) {
        wrong.add(m);
      }
    }
    return wrong;
  }

  @Test
  void digitsInsideOrderAndPhoneNumbersAreNotEscalationWords() {
    assertEquals(List.of(), escalating(List.of("DD2026030315", "订单号DD2026030315", "订单号：DD2026031500",
        "13812315678", "电话 13812315678", "手机号是18631500000", "衣柜门板色差很明显，订单DD2026120315",
        "ＤＤ２０２６０３０３１５"), false));
  }

  @Test
  void theWordsStillCountWhereTheyStandAlone() {
    assertEquals(List.of(), escalating(List.of("再不处理我就打12315投诉你们", "我要打12315", "12315", "我去315曝光你们",
        "打12315！", "找12315和媒体", "我要打１２３１５", "315晚会见", "打12315电话 13800138000"), true));
  }
}
