package com.furnishcare.intake.core;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the gateway answered to one inbound message, kept so a retry of that message gets the same
 * answer without being processed again.
 *
 * @param passive the texts returned in the HTTP response (WeChat takes at most one), empty when the
 *     answer went out as pushes only
 * @param pushed texts sent afterwards through the channel's push API (late replies, long replies)
 * @param replies the turn's replies as data (kind, text, options, fields), for channels that render
 *     them themselves (the web chat's buttons); a long one is already cut to the channel's size
 */
public record RecordedReply(List<String> passive, List<String> pushed, List<Reply> replies) {
  public RecordedReply {
    passive = List.copyOf(passive);
    pushed = List.copyOf(pushed);
    replies = List.copyOf(replies);
  }

  public static RecordedReply nothing() {
    return new RecordedReply(List.of(), List.of(), List.of());
  }

  /**
   * Whether the replies are just the texts, passive then pushed, each a plain text reply: what {@link #fromTexts}
   * makes of them (a knowledge-base answer, a turn without buttons). Asked for every stored record, so it compares
   * in place rather than building that record.
   */
  public boolean repliesAreTexts() {
    if (replies.size() != passive.size() + pushed.size()) {
      return false;
    }
    for (int i = 0; i < replies.size(); i++) {
      String text = i < passive.size() ? passive.get(i) : pushed.get(i - passive.size());
      if (!replies.get(i).equals(Reply.text(text))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A record from before replies were kept as data: only its texts are known, so each becomes a plain
   * text reply (a menu stays written in its text, without buttons).
   */
  public static RecordedReply fromTexts(List<String> passive, List<String> pushed) {
    List<Reply> replies = Stream.concat(passive.stream(), pushed.stream()).map(Reply::text).toList();
    return new RecordedReply(passive, pushed, replies);
  }
}
