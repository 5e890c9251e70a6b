package com.furnishcare.intake.core;

import java.util.Locale;

/** The ticket lifecycle (工单状态); a ticket is closed only after the customer confirms. */
public enum TicketStatus {
  PENDING("待处理"),
  IN_PROGRESS("处理中"),
  RESOLVED("已解决"),
  UNSATISFIED("用户不满意"),
  CLOSED("已关闭");

  private final String label;

  TicketStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TicketStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
