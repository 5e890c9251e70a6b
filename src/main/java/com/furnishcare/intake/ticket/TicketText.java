package com.furnishcare.intake.ticket;

import com.furnishcare.intake.core.Ticket;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How a ticket reads for the people working on it: a subject line and a plain-text body with every field. */
public final class TicketText {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private final Map<String, String> categoryLabels;
  private final ZoneId zone;

  public TicketText(Map<String, String> categoryLabels, ZoneId zone) {
    this.categoryLabels = Map.copyOf(categoryLabels);
    this.zone = zone;
  }

  /** {@code [TK261124-7KQ3M] 色差 · 订单DD2026110301}; the bracketed id is what RT is searched for. */
  public String subject(Ticket t) {
    return "[" + t.id() + "] " + label(t.category()) + (t.orderNo().isEmpty() ? "" : " · 订单" + t.orderNo());
  }

  public String body(Ticket t) {
    StringBuilder b = new StringBuilder();
    line(b, "工单号", t.id());
    line(b, "级别", t.level() + "级" + (t.needsAgent() ? "（需人工接手）" : ""));
    line(b, "问题类型", label(t.category()) + " (" + t.category() + ")");
    line(b, "客户", t.customerName());
    line(b, "电话", t.phone());
    line(b, "订单号", t.orderNo());
    line(b, "地址", t.address());
    line(b, "经销商", t.route().dealerName().isEmpty() ? t.route().dealer() : t.route().dealerName() + " (" + t.route().dealer() + ")");
    line(b, "安装师傅", t.installer());
    line(b, "发生时间", t.occurredOn());
    line(b, "问题描述", t.description());
    line(b, "诉求", t.wants());
    line(b, "升级", t.escalation());
    line(b, "渠道", t.channel().wireName() + " / " + t.userId());
    line(b, "登记时间", WHEN.format(t.createdAt().atZone(zone)));
    line(b, "首次响应期限", WHEN.format(t.firstResponseDueAt().atZone(zone)));
    line(b, "解决期限", WHEN.format(t.resolutionDueAt().atZone(zone)));
    if (!t.attachments().isEmpty()) {
      b.append("\n照片：\n");
      t.attachments().forEach(a -> b.append("  ").append(a).append('\n'));
    }
    if (!t.transcript().isEmpty()) {
      b.append("\n对话记录：\n");
      t.transcript().forEach(l -> b.append("  ").append(l).append('\n'));
    }
    return b.toString();
  }

  private String label(String category) {
    return categoryLabels.getOrDefault(category, category);
  }

  private static void line(StringBuilder b, String name, String value) {
    if (value != null && !value.isEmpty()) {
      b.append(name).append("：").append(value).append('\n');
    }
  }
}
