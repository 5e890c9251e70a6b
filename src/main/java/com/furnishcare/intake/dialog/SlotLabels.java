package com.furnishcare.intake.dialog;

import java.util.Map;

/** How slots are named to the user in summaries and corrections. */
final class SlotLabels {
  private static final Map<String, String> LABELS = Map.of(
      "category", "问题类型", "description", "问题描述", "orderNo", "订单号", "phone", "联系电话",
      "customerName", "称呼", "address", "地址", "photos", "照片", "wants", "诉求", "occurredOn", "发生时间");

  private SlotLabels() {}

  static String of(String slot) {
    return LABELS.getOrDefault(slot, slot);
  }
}
