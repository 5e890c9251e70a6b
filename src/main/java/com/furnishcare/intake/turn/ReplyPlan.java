package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.RecordedReply;
import java.util.List;

/** How a channel delivers a turn's reply parts: in the HTTP answer, as pushes, or both. */
public interface ReplyPlan {

  /** @param onTime the reply is ready within the budget, so the HTTP answer can still carry it */
  RecordedReply plan(List<String> parts, boolean onTime);

  /** WeChat: one passive message at most; the rest, or everything when late, as customer-service pushes. */
  static ReplyPlan firstPassiveRestPushed() {
    return (parts, onTime) -> onTime && !parts.isEmpty()
        ? new RecordedReply(parts.subList(0, 1), parts.subList(1, parts.size()))
        : new RecordedReply(List.of(), parts);
  }

  /** A synchronous chat API: every part in the answer. */
  static ReplyPlan allPassive() {
    return (parts, onTime) -> onTime ? new RecordedReply(parts, List.of()) : new RecordedReply(List.of(), parts);
  }
}
