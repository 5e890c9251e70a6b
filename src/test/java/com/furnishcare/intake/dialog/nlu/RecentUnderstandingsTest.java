package com.furnishcare.intake.dialog.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.furnishcare.intake.dialog.nlu.ShippedNlu.DAY;
import static com.furnishcare.intake.dialog.nlu.ShippedNlu.ORDER;

import com.furnishcare.intake.dialog.model.SlotType;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The understander remembers recent short messages: a repeated message reads as it would fresh, whatever was asked
 * before it and on whatever day; personal facts and long texts are not kept.
 */
class RecentUnderstandingsTest {

  private final Understander nlu = ShippedNlu.load();

  private Understanding read(String text, LocalDate today, Optional<SlotType> asked) {
    return nlu.understand(text, new Understander.Context(today, ORDER, asked));
  }

  @Test
  void aRepeatedMessageReadsInItsOwnContext() {
    // "换新" is a want only when the bot has just asked what the homeowner wants.
    for (int round = 0; round < 2; round++) {
      assertEquals("replace", read("换新", DAY, Optional.of(SlotType.WANTS)).slots().get(SlotType.WANTS));
      assertFalse(read("换新", DAY, Optional.empty()).slots().containsKey(SlotType.WANTS));
      assertFalse(read("换新", DAY, Optional.of(SlotType.NAME)).slots().containsKey(SlotType.WANTS));
    }
    // "昨天" is a different day each day.
    assertEquals("2026-11-23", read("昨天坏的", DAY, Optional.empty()).slots().get(SlotType.DATE));
    assertEquals("2026-11-24", read("昨天坏的", DAY.plusDays(1), Optional.empty()).slots().get(SlotType.DATE));
    assertEquals("2026-11-23", read("昨天坏的", DAY, Optional.empty()).slots().get(SlotType.DATE));
  }

  @Test
  void aRepeatedQuestionIsReadOnce() {
    Understanding first = read("柜子门缝多大算正常？", DAY, Optional.empty());
    assertSame(first, read("柜子门缝多大算正常？", DAY, Optional.empty()));
    assertEquals(1, nlu.remembered());
    assertTrue(first.asks());
  }

  @Test
  void personalFactsAndLongTextsAreNotKept() {
    assertEquals("13800138000", read("电话13800138000", DAY, Optional.empty()).slots().get(SlotType.MOBILE));
    assertEquals("DD2026110301", read("订单号DD2026110301", DAY, Optional.empty()).slots().get(SlotType.ORDER_NUMBER));
    assertTrue(read("张伟", DAY, Optional.of(SlotType.NAME)).slots().containsKey(SlotType.NAME));
    String longText = "衣柜门板色差很明显".repeat(RecentUnderstandings.MAX_CHARS / 9 + 1);
    assertTrue(longText.length() > RecentUnderstandings.MAX_CHARS);
    read(longText, DAY, Optional.empty());
    assertEquals(0, nlu.remembered());
  }

  @Test
  void anUnderstandingCannotBeChangedByWhoeverHoldsIt() {
    Understanding u = read("我要投诉衣柜门板色差", DAY, Optional.empty());
    assertThrows(UnsupportedOperationException.class, () -> u.slots().put(SlotType.NAME, "x"));
    assertThrows(UnsupportedOperationException.class, () -> u.intents().clear());
    assertEquals(u.slots(), read("我要投诉衣柜门板色差", DAY, Optional.empty()).slots());
  }
}
