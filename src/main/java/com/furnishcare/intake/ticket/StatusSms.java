package com.furnishcare.intake.ticket;

import com.furnishcare.intake.config.SmsConfig;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.SmsSender;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.turn.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a homeowner by SMS that their ticket moved, when their own channel did not reach them (the web
 * chat has no way to push; WeChat refuses kefu messages 48 hours after the user's last message and
 * no template may be configured). Template variables hold at most 6 characters, so the SMS carries the
 * day the ticket was filed and the status label; a resolved ticket gets the resolution template,
 * whose reply ("1"/"2") comes back through the reply callback.
 */
public final class StatusSms {

  private static final Logger LOG = LoggerFactory.getLogger(StatusSms.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");
  private static final int ATTEMPTS = 3;

  private final Vertx vertx;
  private final SmsSender sender;
  private final SmsConfig config;
  private final DeliveryLog deliveries;
  private final Clock clock;
  private final ZoneId zone;

  public StatusSms(Vertx vertx, SmsSender sender, SmsConfig config, DeliveryLog deliveries, Clock clock, ZoneId zone) {
    this.vertx = vertx;
    this.sender = sender;
    this.config = config;
    this.deliveries = deliveries;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * Sends the SMS for a change from {@code before} to {@code after} that the homeowner's channel did not
   * deliver, if the ticket has a phone. Resolves when the attempt is over (sent, rejected or given up,
   * all recorded in the delivery log); never fails.
   */
  public Future<Void> statusChanged(Ticket before, Ticket after) {
    if (before.status() == after.status() || after.phone().isEmpty()) {
      return Future.succeededFuture();
    }
    String day = DAY.format(after.createdAt().atZone(zone));
    boolean askResolution = after.status() == TicketStatus.RESOLVED && !config.resolutionTemplateId().isEmpty();
    String template = askResolution ? config.resolutionTemplateId() : config.statusTemplateId();
    List<String> params = askResolution ? List.of(day) : List.of(day, after.status().label());
    return send(after, template, params);
  }

  private Future<Void> send(Ticket ticket, String template, List<String> params) {
    return Retry.withPauses(vertx, ATTEMPTS, e -> e instanceof SmsSender.Rejected,
        () -> sender.send(ticket.phone(), template, params)).transform(ar -> {
          if (ar.succeeded()) {
            return record("sms_sent", ticket, "template " + template + " " + params);
          }
          if (ar.cause() instanceof SmsSender.Rejected rejected) {
            LOG.warn("status SMS for {} rejected: {} {}", ticket.id(), rejected.code(), rejected.getMessage());
            return record("sms_rejected", ticket, rejected.code() + " " + rejected.getMessage());
          }
          LOG.warn("status SMS for {} failed after {} attempts: {}", ticket.id(), ATTEMPTS, ar.cause().getMessage());
          return record("sms_failed", ticket, String.valueOf(ar.cause().getMessage()));
        });
  }

  private Future<Void> record(String kind, Ticket ticket, String detail) {
    return deliveries.record(new DeliveryEvent(kind, ChannelName.SMS, ticket.userId(), ticket.id(), detail,
        clock.instant())).recover(err -> Future.succeededFuture());
  }
}
