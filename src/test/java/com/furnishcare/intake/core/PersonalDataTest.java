package com.furnishcare.intake.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.CapturingAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PersonalDataTest {

  @Test
  void masksMobileNumbersInAnyCommonSpelling() {
    assertEquals("电话138****8000", PersonalData.mask("电话13800138000"));
    assertEquals("call 139****5678 now", PersonalData.mask("call +86 139-1234-5678 now"));
    assertEquals("身份证110101********1234", PersonalData.mask("身份证110101199003071234"));
  }

  @Test
  void leavesOrderNumbersAndShortNumbersAlone() {
    assertEquals("订单号DD2026110301，柜门3mm", PersonalData.mask("订单号DD2026110301，柜门3mm"));
    assertEquals("123456789012345", PersonalData.mask("123456789012345"));
  }

  @Test
  void logLinesNeverCarryAFullPhoneNumber() {
    int before = CapturingAppender.size();
    LoggerFactory.getLogger("privacy-check").info("user left phone {} for a callback", "13800138000");
    String line = CapturingAppender.since(before).get(0).text();
    assertFalse(line.contains("13800138000"), line);
    assertTrue(line.contains("138****8000"), line);
  }
}
