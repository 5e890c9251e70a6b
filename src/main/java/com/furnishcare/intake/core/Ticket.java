package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A complaint as the service team sees it. {@code id} is the human-readable number given to the user
 * (e.g. TK261124-7KQ3M); {@code level} 1-3, 3 most severe; deadlines follow from the level. {@code route}
 * is the dealer who handles it; {@code installer} the fitter whose work it is about, when the order system
 * named one (survey follow-ups), else empty.
 */
public record Ticket(
    String id,
    TicketStatus status,
    int level,
    String category,
    String customerName,
    String phone,
    String orderNo,
    String address,
    String description,
    String wants,
    List<String> attachments,
    ChannelName channel,
    String userId,
    Instant createdAt,
    Instant firstResponseDueAt,
    Instant resolutionDueAt,
    String occurredOn,
    boolean needsAgent,
    String escalation,
    List<String> transcript,
    Route route,
    String installer) {

  public Ticket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    if (level < 1 || level > 3) {
      throw new IllegalArgumentException("level must be 1-3: " + level);
    }
    attachments = List.copyOf(attachments);
    transcript = List.copyOf(transcript);
    Objects.requireNonNull(route, "route");
    installer = installer == null ? "" : installer;
  }

  public Ticket withStatus(TicketStatus newStatus) {
    return new Ticket(id, newStatus, level, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDueAt, resolutionDueAt, occurredOn, needsAgent,
        escalation, transcript, route, installer);
  }

  /** Graded again by a person (an agent raised or lowered it): the new level's deadlines, status kept. */
  public Ticket regraded(int newLevel, Instant firstResponseDue, Instant resolutionDue) {
    return new Ticket(id, status, newLevel, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDue, resolutionDue, occurredOn, needsAgent, escalation,
        transcript, route, installer);
  }

  /** Re-opened because the customer says it is not solved: a new level and new deadlines. */
  public Ticket reopened(int newLevel, Instant firstResponseDue, Instant resolutionDue) {
    return new Ticket(id, TicketStatus.UNSATISFIED, newLevel, category, customerName, phone, orderNo, address,
        description, wants, attachments, channel, userId, createdAt, firstResponseDue, resolutionDue, occurredOn,
        needsAgent, escalation, transcript, route, installer);
  }

  /** The dealer and fitter the service event named (a survey follow-up is about that visit). */
  public Ticket attributed(Route dealerRoute, String fitter) {
    return new Ticket(id, status, level, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDueAt, resolutionDueAt, occurredOn, needsAgent,
        escalation, transcript, dealerRoute, fitter);
  }
}
