package com.furnishcare.intake.alert;

import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.reload.ReloadingSource;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.ticket.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * The alerts feature put together: the reloading alerts file, what raises alerts (the turn hook, the
 * sweeps) and the sender. With no robots in the file nothing is raised or sent, and the hooks pass turns
 * through untouched.
 */
public final class Alerts {

  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final Duration SEND_INTERVAL = Duration.ofSeconds(1);
  static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
  /** First retry after 2.5–5 s, doubling: past a robot's one-minute limit within five tries. */
  static final Duration BASE_DELAY = Duration.ofSeconds(5);
  static final Duration MAX_DELAY = Duration.ofMinutes(10);

  private final ReloadingSource<AlertBook> book;
  private final AlertRaiser raiser;
  private final AlertSender sender;
  private final AlertSweeps sweeps;
  private final WeComRobot robot;

  private Alerts(ReloadingSource<AlertBook> book, AlertRaiser raiser, AlertSender sender,
      AlertSweeps sweeps, WeComRobot robot) {
    this.book = book;
    this.raiser = raiser;
    this.sender = sender;
    this.sweeps = sweeps;
    this.robot = robot;
  }

  /** Loads the alerts file (a bad one fails the start with file:line) and keeps it reloaded. */
  public static Future<ReloadingSource<AlertBook>> loadBook(Vertx vertx, GatewayConfig config) {
    return AlertsFile.watch(vertx, config.alerts(), config.dealersFile(), config.dialogReloadMillis());
  }

  /** Builds the feature on a loaded book; call {@link #start} once the gateway's stores are in use. */
  public static Alerts create(Vertx vertx, GatewayConfig config, Stores stores, ReloadingSource<AlertBook> book,
      Supplier<DialogBook> dialogs, Clock clock) {
    AlertTexts texts = new AlertTexts(dialogs, config.surveys().publicUrl(), CHINA);
    AlertRaiser raiser = new AlertRaiser(stores.alerts(), book, texts, clock, CHINA);
    WeComRobot robot = new WeComRobot(vertx, config.alerts().robotBaseUrl());
    AlertSender sender = new AlertSender(vertx, stores.alerts(), stores.tickets(), book, robot,
        new Backoff(BASE_DELAY, MAX_DELAY, new SecureRandom()), clock);
    AlertSweeps sweeps = new AlertSweeps(vertx, stores.tickets(), stores.outbox(), stores.alerts(), raiser, book,
        new TicketDigestFigures(stores.tickets(), clock, CHINA), clock, CHINA);
    return new Alerts(book, raiser, sender, sweeps, robot);
  }

  public void start() {
    sender.start(SEND_INTERVAL);
    sweeps.start(SWEEP_INTERVAL);
  }

  /** The session store that raises a turn's ticket alerts before committing it. */
  public SessionStore watching(SessionStore sessions) {
    return new TicketAlerts(sessions, raiser);
  }

  public AlertSender sender() {
    return sender;
  }

  public AlertSweeps sweeps() {
    return sweeps;
  }

  /** No further passes or reloads; completes when the passes under way have recorded their outcomes. */
  public Future<Void> stop() {
    return Future.join(List.of(sender.stop(), sweeps.stop(), book.stop())).<Void>mapEmpty()
        .eventually(() -> {
          robot.close();
          return Future.succeededFuture();
        });
  }
}
