package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import java.util.List;

/**
 * What goes back on the line for one inbound message, in both forms a channel may need.
 *
 * @param passive the texts for the HTTP answer of a text channel (WeChat takes the first), rendered with
 *     {@link Reply#plainText()}; empty for "nothing now"
 * @param replies the turn's replies as data, for a channel that renders them itself (the web chat);
 *     empty whenever {@code passive} is, so both forms always tell the same story
 * @param retryLater nothing now, and a channel whose platform retries (WeChat) should ask it to: another
 *     process holds the message and may have died with it, or the message could not be claimed
 * @param replayed nothing now, nor ever: the callback's signed nonce pair came before with another body
 */
public record TurnAnswer(List<String> passive, List<Reply> replies, boolean retryLater, boolean replayed) {

  public TurnAnswer {
    passive = List.copyOf(passive);
    replies = List.copyOf(replies);
  }

  public TurnAnswer(List<String> passive, List<Reply> replies) {
    this(passive, replies, false, false);
  }

  /**
   * Nothing now, and not handled here: the message is claimed by another process (or one killed mid-turn,
   * whose claim lapses after its lease), or could not be claimed. A platform that retries should be asked to;
   * others answer nothing.
   */
  static TurnAnswer tryAgainLater() {
    return new TurnAnswer(List.of(), List.of(), true, false);
  }

  /** Nothing, and refused: the callback replays a signature used for another message ({@link MessageClaim.Replayed}). */
  static TurnAnswer replayRefused() {
    return new TurnAnswer(List.of(), List.of(), false, true);
  }

  /** Nothing now: the reply is late and, where the channel can, follows as pushes. */
  public static TurnAnswer none() {
    return new TurnAnswer(List.of(), List.of());
  }

  /** One plain text (the apology when a turn failed). */
  static TurnAnswer text(String text) {
    return new TurnAnswer(List.of(text), List.of(Reply.text(text)));
  }

  /**
   * The answer a recorded turn gives, the first time and on every retry alike. A record whose answer went
   * out as pushes only answered nothing on the line, so its replies are not shown either.
   */
  static TurnAnswer of(RecordedReply recorded) {
    return recorded.passive().isEmpty() ? none() : new TurnAnswer(recorded.passive(), recorded.replies());
  }
}
