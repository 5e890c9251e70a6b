package com.furnishcare.intake.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.furnishcare.intake.core.OutboxStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The gateway's counters, exposed in Prometheus text format on /metrics. */
public final class GatewayMetrics {

  /** Message types we label by name; anything else is counted as "other" so labels stay bounded. */
  private static final Set<String> KNOWN_TYPES = Set.of("text", "image", "voice", "video", "shortvideo",
      "location", "link", "event_subscribe", "event_unsubscribe", "event_click", "event_view", "event_scan",
      "event_location", "event_templatesendjobfinish");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public void messageReceived(String channel, String type) {
    String label = KNOWN_TYPES.contains(type) ? type : "other";
    registry.counter("gateway_messages", "channel", channel, "type", label).increment();
  }

  public void dedupeHit(String channel) {
    registry.counter("gateway_dedupe_hits", "channel", channel).increment();
  }

  /**
   * A turn decided again because another process committed a turn of the same conversation first (several
   * gateways on one Redis); not an error, but a steady rise means homeowners' messages often race.
   */
  public void staleTurn(String channel) {
    registry.counter("gateway_stale_turns", "channel", channel).increment();
  }

  public void lateReply(String channel) {
    registry.counter("gateway_late_replies", "channel", channel).increment();
  }

  /** A request we refused or a step that failed; {@code kind} is a short fixed word, never user input. */
  public void error(String kind) {
    registry.counter("gateway_errors", "kind", kind).increment();
  }

  public void ticketCreated(String channel, int level) {
    registry.counter("gateway_tickets_created", "channel", channel, "level", Integer.toString(level)).increment();
  }

  private final AtomicLong outboxPending = new AtomicLong();
  private final AtomicLong outboxDead = new AtomicLong();
  private final AtomicLong outboxOldestAgeSeconds = new AtomicLong();

  {
    registry.gauge("gateway_outbox_pending", outboxPending);
    registry.gauge("gateway_outbox_dead_letters", outboxDead);
    registry.gauge("gateway_outbox_oldest_pending_age_seconds", outboxOldestAgeSeconds);
  }

  /** The outbox as last seen by the relay. */
  public void outbox(OutboxStats stats, Instant now) {
    outboxPending.set(stats.pending());
    outboxDead.set(stats.dead());
    outboxOldestAgeSeconds.set(stats.oldestPendingCreatedAt()
        .map(created -> Math.max(0, Duration.between(created, now).toSeconds())).orElse(0L));
  }

  public void ticketDelivered(String sink, String outcome) {
    registry.counter("gateway_ticket_deliveries", "sink", sink, "outcome", outcome).increment();
  }

  public void push(String channel, String outcome) {
    registry.counter("gateway_pushes", "channel", channel, "outcome", outcome).increment();
  }

  private final AtomicLong agentWaiting = new AtomicLong();
  private final AtomicLong agentOwned = new AtomicLong();
  private final AtomicLong agentOverdue = new AtomicLong();

  {
    registry.gauge("gateway_agent_queue_waiting", agentWaiting);
    registry.gauge("gateway_agent_queue_owned", agentOwned);
    registry.gauge("gateway_agent_queue_overdue", agentOverdue);
  }

  /** The agents' queue as last swept: waiting, served, and past the first-response deadline unanswered. */
  public void agentQueue(long waiting, long owned, long overdue) {
    agentWaiting.set(waiting);
    agentOwned.set(owned);
    agentOverdue.set(overdue);
  }

  /** An agent action ({@code take}, {@code reply}, {@code handback} ...) and how it went; fixed words only. */
  public void agentAction(String action, String outcome) {
    registry.counter("gateway_agent_actions", "action", action, "outcome", outcome).increment();
  }

  /** A survey job's outcome ({@code sent}, {@code refused}, {@code no_channel} ...) and the channel it went on. */
  public void surveyOutcome(String kind, String channel) {
    registry.counter("gateway_survey_outcomes", "outcome", kind, "channel", channel).increment();
  }

  public String scrape() {
    return registry.scrape();
  }
}
