package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complaint as the service team sees it. {@code id} is the human-readable number given to the user
 * (e.g. TK261124-7KQ3M); {@code level} 1-3, 3 most severe; deadlines follow from the level. {@code route}
 * is the dealer who handles it; {@code installer} the fitter whose work it is about, when the order system
 * named one (survey follow-ups), else empty.
 *
 * <p>The last four components are what the reports need and the stores keep (a ticket stored before they
 * existed reads with the defaults: never responded, never resolved, never reopened, no origin):
 * {@code firstRespondedAt} when the ticket first left {@code pending} for in progress, resolved or closed
 * (the first move by whoever handles it: RT's status, an agent, the homeowner's confirmation); {@code resolvedAt}
 * when it last became resolved or closed (cleared when it is opened again, so a reopened ticket's handling
 * time runs to its final resolution); {@code reopenCount} how often the homeowner said it was not solved
 * (unsatisfied); {@code origin} {@link #ORIGIN_SURVEY} for a survey follow-up, else empty. (Whether a ticket
 * repeats an earlier complaint is the store's fact, decided when it files the ticket: see the reports.)
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
    String installer,
    Optional<Instant> firstRespondedAt,
    Optional<Instant> resolvedAt,
    int reopenCount,
    String origin) {

  /** {@link #origin} of a ticket filed because a survey answer was low (the low score → follow-up funnel). */
  public static final String ORIGIN_SURVEY = "survey";

  /** A new ticket: not responded to, not resolved, never reopened, no origin, no earlier complaint known. */
  public Ticket(String id, TicketStatus status, int level, String category, String customerName, String phone,
      String orderNo, String address, String description, String wants, List<String> attachments,
      ChannelName channel, String userId, Instant createdAt, Instant firstResponseDueAt, Instant resolutionDueAt,
      String occurredOn, boolean needsAgent, String escalation, List<String> transcript, Route route,
      String installer) {
    this(id, status, level, category, customerName, phone, orderNo, address, description, wants, attachments,
        channel, userId, createdAt, firstResponseDueAt, resolutionDueAt, occurredOn, needsAgent, escalation,
        transcript, route, installer, Optional.empty(), Optional.empty(), 0, "");
  }

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
    Objects.requireNonNull(firstRespondedAt, "firstRespondedAt");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    origin = origin == null ? "" : origin;
  }

  /**
   * The ticket in {@code newStatus} as of {@code at}: the first move out of pending to in progress, resolved or
   * closed is its first response; becoming resolved or closed (when not already) is its resolution; going back
   * to pending, in progress or unsatisfied undoes the resolution, and unsatisfied counts as a reopening.
   */
  public Ticket withStatus(TicketStatus newStatus, Instant at) {
    if (newStatus == status) {
      return this;
    }
    boolean done = newStatus == TicketStatus.RESOLVED || newStatus == TicketStatus.CLOSED;
    Optional<Instant> responded = firstRespondedAt.isEmpty() && newStatus != TicketStatus.PENDING
        && newStatus != TicketStatus.UNSATISFIED ? Optional.of(at) : firstRespondedAt;
    Optional<Instant> resolved = done ? resolvedAt.or(() -> Optional.of(at)) : Optional.empty();
    int reopens = newStatus == TicketStatus.UNSATISFIED ? reopenCount + 1 : reopenCount;
    return new Ticket(id, newStatus, level, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDueAt, resolutionDueAt, occurredOn, needsAgent,
        escalation, transcript, route, installer, responded, resolved, reopens, origin);
  }

  /** The same ticket, filed because of a survey answer ({@code origin} {@link #ORIGIN_SURVEY}). */
  public Ticket fromSurvey() {
    return new Ticket(id, status, level, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDueAt, resolutionDueAt, occurredOn, needsAgent,
        escalation, transcript, route, installer, firstRespondedAt, resolvedAt, reopenCount, ORIGIN_SURVEY);
  }


  /** Graded again by a person (an agent raised or lowered it): the new level's deadlines, status kept. */
  public Ticket regraded(int newLevel, Instant firstResponseDue, Instant resolutionDue) {
    return new Ticket(id, status, newLevel, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDue, resolutionDue, occurredOn, needsAgent, escalation,
        transcript, route, installer, firstRespondedAt, resolvedAt, reopenCount, origin);
  }

  /**
   * Re-opened because the customer says it is not solved: a new level and new deadlines; no longer resolved,
   * one more reopening.
   */
  public Ticket reopened(int newLevel, Instant firstResponseDue, Instant resolutionDue) {
    return new Ticket(id, TicketStatus.UNSATISFIED, newLevel, category, customerName, phone, orderNo, address,
        description, wants, attachments, channel, userId, createdAt, firstResponseDue, resolutionDue, occurredOn,
        needsAgent, escalation, transcript, route, installer, firstRespondedAt, Optional.empty(), reopenCount + 1,
        origin);
  }

  /** The dealer and fitter the service event named (a survey follow-up is about that visit). */
  public Ticket attributed(Route dealerRoute, String fitter) {
    return new Ticket(id, status, level, category, customerName, phone, orderNo, address, description, wants,
        attachments, channel, userId, createdAt, firstResponseDueAt, resolutionDueAt, occurredOn, needsAgent,
        escalation, transcript, dealerRoute, fitter, firstRespondedAt, resolvedAt, reopenCount, origin);
  }
}
