package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import java.util.List;

/** How a channel delivers a turn's reply parts: in the HTTP answer, as pushes, or both. */
public interface ReplyPlan {

  /**
   * @param parts the reply as texts shaped for the channel
   * @param replies the same reply as data, cut to the channel's size; recorded as it is
   * @param onTime the reply is ready within the budget, so the HTTP answer can still carry it
   */
  RecordedReply plan(List<String> parts, List<Reply> replies, boolean onTime);

  /** WeChat: one passive message at most; the rest, or everything when late, as customer-service pushes. */
  static ReplyPlan firstPassiveRestPushed() {
    return (parts, replies, onTime) -> onTime && !parts.isEmpty()
        ? new RecordedReply(parts.subList(0, 1), parts.subList(1, parts.size()), replies)
        : new RecordedReply(List.of(), parts, replies);
  }

  /** A synchronous chat API: every part in the answer. */
  static ReplyPlan allPassive() {
    return (parts, replies, onTime) -> onTime
        ? new RecordedReply(parts, List.of(), replies)
        : new RecordedReply(List.of(), parts, replies);
  }
}
