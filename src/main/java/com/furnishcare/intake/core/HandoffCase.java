package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation waiting for a person or being served by one. While a case is open and has an owner, the
 * bot says nothing in that conversation: every homeowner message goes to the owner.
 *
 * @param conversation the conversation's key ({@link ConversationKey#asString()})
 * @param ticketId the ticket filed when the homeowner was handed over, if one was
 * @param route who handles it on the ground: dealer staff see only cases routed to their dealer
 * @param firstResponseDue when a person must have answered (from the ticket's level, else the configured wait)
 * @param owner the username of the agent serving it; empty while it waits in the queue
 * @param firstResponseAt when a person first answered the homeowner
 * @param lastInboundAt the homeowner's latest message: WeChat's 48-hour service window counts from it
 * @param ownerSeenAt when the owner's console was last seen connected; a case whose owner stays away
 *     too long goes back to the queue
 */
public record HandoffCase(
    String conversation,
    ChannelName channel,
    String userId,
    int level,
    String category,
    Optional<String> ticketId,
    Route route,
    Instant queuedAt,
    Instant firstResponseDue,
    Optional<String> owner,
    Optional<Instant> takenAt,
    Optional<Instant> firstResponseAt,
    Instant lastInboundAt,
    Instant ownerSeenAt) {

  public HandoffCase {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(route, "route");
    category = category == null ? "" : category;
  }

  /** A case just put in the queue: nobody owns it, nobody has answered. */
  public static HandoffCase queued(ConversationKey key, int level, String category, Optional<String> ticketId,
      Route route, Instant at, Instant firstResponseDue) {
    return new HandoffCase(key.asString(), key.channel(), key.userId(), level, category, ticketId, route, at,
        firstResponseDue, Optional.empty(), Optional.empty(), Optional.empty(), at, at);
  }

  public ConversationKey key() {
    return new ConversationKey(channel, userId);
  }

  public boolean waiting() {
    return owner.isEmpty();
  }

  /** Past its first-response deadline with nobody having answered yet. */
  public boolean overdue(Instant now) {
    return firstResponseAt.isEmpty() && now.isAfter(firstResponseDue);
  }
}
