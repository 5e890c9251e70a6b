package com.furnishcare.intake.store;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.Route;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * A handoff case's fixed part (who, what, where it is routed, its deadline) as JSON; the parts that
 * change (owner, time stamps) are stored beside it so each change is one atomic field update.
 */
public final class StoredHandoffCases {

  private StoredHandoffCases() {}

  public static String fixedPart(HandoffCase c) {
    return new JsonObject().put("conversation", c.conversation()).put("channel", c.channel().wireName())
        .put("userId", c.userId()).put("level", c.level()).put("category", c.category())
        .put("ticketId", c.ticketId().orElse(null)).put("dealer", c.route().dealer())
        .put("dealerName", c.route().dealerName()).put("region", c.route().region())
        .put("queuedAt", c.queuedAt().toEpochMilli()).put("firstResponseDue", c.firstResponseDue().toEpochMilli())
        .encode();
  }

  /** The moving parts, each null when not set. */
  public record Moving(String owner, Long takenAt, Long firstResponseAt, long lastInboundAt, long ownerSeenAt) {}

  public static HandoffCase read(String fixed, Moving m) {
    JsonObject o = new JsonObject(fixed);
    ChannelName channel = java.util.Arrays.stream(ChannelName.values())
        .filter(n -> n.wireName().equals(o.getString("channel"))).findFirst().orElseThrow();
    return new HandoffCase(o.getString("conversation"), channel, o.getString("userId"), o.getInteger("level"),
        o.getString("category", ""), Optional.ofNullable(o.getString("ticketId")),
        new Route(o.getString("dealer"), o.getString("dealerName", ""), o.getString("region", "")),
        Instant.ofEpochMilli(o.getLong("queuedAt")), Instant.ofEpochMilli(o.getLong("firstResponseDue")),
        Optional.ofNullable(m.owner()).filter(s -> !s.isEmpty()),
        Optional.ofNullable(m.takenAt()).map(Instant::ofEpochMilli),
        Optional.ofNullable(m.firstResponseAt()).map(Instant::ofEpochMilli),
        Instant.ofEpochMilli(m.lastInboundAt()), Instant.ofEpochMilli(m.ownerSeenAt()));
  }
}
