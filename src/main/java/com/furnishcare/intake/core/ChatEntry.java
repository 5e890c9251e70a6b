package com.furnishcare.intake.core;

import java.time.Instant;

/**
 * One line of a web-chat conversation as the homeowner sees it: what they sent or what the bot said,
 * numbered in the conversation's order. The numbers have no gaps, so a client that has seen up to
 * {@code seq} knows exactly what it missed.
 *
 * @param seq the entry's place in its conversation, from 1
 * @param key what makes the entry unique (the client's message id, the turn it answers): appended twice,
 *     it is stored once
 * @param author who said it
 * @param reply what was said; the homeowner's messages are plain text replies
 */
public record ChatEntry(long seq, String key, Author author, Reply reply, Instant at) {

  public enum Author {
    /** The homeowner; the bot; a person at the console (their display name in the reply's {@code agentName}). */
    USER, BOT, AGENT;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
