package com.furnishcare.intake.core;

/** What arrived, independent of the channel's own vocabulary. */
public enum MessageKind {
  TEXT,
  IMAGE,
  VOICE,
  LOCATION,
  LINK,
  SUBSCRIBE,
  UNSUBSCRIBE,
  MENU_CLICK,
  SCAN,
  /** A message type we do not handle (video, mini-program card ...): the user gets a polite answer. */
  OTHER,
  /** An event we do not act on (VIEW, LOCATION reports ...): nothing is said back. */
  OTHER_EVENT,
  /** Not from the user: the ticketing system changed one of their tickets (attributes ticketId, status, note). */
  TICKET_UPDATE,
  /**
   * Not from the user: the person serving the conversation handed it back to the bot (attribute
   * {@code how} = {@code handback}) or ended it ({@code close}).
   */
  AGENT_DONE,
  /**
   * Not from the user: the person serving the conversation files a ticket from what was collected
   * (attributes {@code category}, {@code description} fill what the conversation lacks).
   */
  AGENT_FILE,
  /**
   * Not from the user: a survey answer calls for a person (a low score, a lukewarm word). Attributes:
   * {@code category} (may be empty), {@code description} (the reply), {@code orderNo}, {@code level},
   * {@code firstResponseMinutes}.
   */
  SURVEY_FOLLOWUP,
  /** Not from the user: a survey begins in this conversation (attributes {@code jobId}, {@code survey}). */
  SURVEY_START;

  /** Whether the homeowner sent it (rather than the ticketing system, a person at the console, the platform). */
  public boolean fromHomeowner() {
    return this != TICKET_UPDATE && this != AGENT_DONE && this != AGENT_FILE && this != SURVEY_FOLLOWUP
        && this != SURVEY_START && this != OTHER_EVENT;
  }
}
