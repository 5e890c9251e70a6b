package com.furnishcare.intake.ticket;

import com.furnishcare.intake.core.TicketStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns status changes from Request Tracker: asks REST 2.0 for our tickets updated since the last
 * look (with a minute of overlap, repeats are dropped by their LastUpdated stamp) and hands each change
 * to {@link TicketStatusUpdates}.
 */
public final class RtStatusPoller {

  private static final Logger LOG = LoggerFactory.getLogger(RtStatusPoller.class);
  private static final Pattern GATEWAY_ID = Pattern.compile("\\[(TK\\d{6}-[0-9A-Z]{5})]");
  private static final Duration OVERLAP = Duration.ofMinutes(1);

  /** RT's lifecycle names → ours. */
  static final Map<String, TicketStatus> STATUSES = Map.of(
      "new", TicketStatus.PENDING,
      "open", TicketStatus.IN_PROGRESS,
      "stalled", TicketStatus.IN_PROGRESS,
      "resolved", TicketStatus.RESOLVED,
      "rejected", TicketStatus.CLOSED,
      "deleted", TicketStatus.CLOSED);

  private final Vertx vertx;
  private final RtClient rt;
  private final TicketStatusUpdates updates;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private boolean stopped;
  /** Completes when the look under way (if any) has handed on its changes. */
  private volatile Future<Void> look = Future.succeededFuture();
  private volatile Instant since;
  private long timer = -1;

  public RtStatusPoller(Vertx vertx, String url, Optional<String> token, Optional<String> user,
      Optional<String> password, TicketStatusUpdates updates, Clock clock, Duration lookBack) {
    this.vertx = vertx;
    this.rt = new RtClient(vertx, url, token, user, password);
    this.updates = updates;
    this.clock = clock;
    this.since = clock.instant().minus(lookBack);
  }

  public void start(Duration interval) {
    timer = vertx.setPeriodic(interval.toMillis(), id -> pollOnce());
  }

  /** No further looks; completes when the look under way has recorded its changes (the store closes next). */
  public Future<Void> stop() {
    synchronized (this) {
      stopped = true;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return look;
  }

  /** One look at RT; resolves with the number of changes handed on. */
  public Future<Integer> pollOnce() {
    Promise<Void> done = Promise.promise();
    synchronized (this) {
      if (stopped || !running.compareAndSet(false, true)) {
        return Future.succeededFuture(0);
      }
      look = done.future();
    }
    Instant started = clock.instant();
    // A relative date ("N seconds ago") is read by RT against its own clock, whatever its time zone.
    long secondsAgo = Math.max(1, Duration.between(since.minus(OVERLAP), started).toSeconds());
    String query = "Subject LIKE '[TK' AND LastUpdated > '" + secondsAgo + " seconds ago'";
    return rt.request(HttpMethod.GET, "/tickets", 20_000)
        .addQueryParam("query", query)
        .addQueryParam("fields", "Subject,Status,LastUpdated")
        .addQueryParam("per_page", "100")
        .send()
        .expecting(StatusExpectation.success())
        .compose(response -> {
          JsonArray items = response.bodyAsJsonObject().getJsonArray("items", new JsonArray());
          List<Future<?>> applied = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            Matcher id = GATEWAY_ID.matcher(item.getString("Subject", ""));
            TicketStatus status = STATUSES.get(item.getString("Status", ""));
            if (id.find() && status != null) {
              applied.add(updates.apply(id.group(1), status, "", "rt:" + item.getString("LastUpdated", ""))
                  .onFailure(err -> LOG.warn("status of {} from RT not applied: {}", id.group(1), err.getMessage())));
            }
          }
          return Future.join(applied).transform(ar -> {
            if (ar.succeeded()) {
              since = started; // only move on once every change of this look is recorded
            }
            return Future.succeededFuture(applied.size());
          });
        })
        .onFailure(err -> LOG.warn("RT status poll failed: {}", err.toString()))
        .eventually(() -> {
          running.set(false);
          done.complete();
          return Future.succeededFuture();
        });
  }
}
