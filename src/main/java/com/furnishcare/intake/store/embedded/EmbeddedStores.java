package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.chat.LocalChatBus;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.SurveyCodes;
import java.security.SecureRandom;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Opens the embedded store in a data directory and purges expired rows every minute. */
public final class EmbeddedStores {

  /** Failed-login counters are forgotten after this at the latest (their windows are far shorter). */
  private static final java.time.Duration LOGIN_COUNTER_LIFETIME = java.time.Duration.ofDays(1);

  private EmbeddedStores() {}

  public static Future<Stores> open(Vertx vertx, Path dataDir, StoreSettings settings) {
    Clock clock = Clock.systemUTC();
    return SqliteDatabase.open(vertx, dataDir).map(db -> {
      EmbeddedSessionStore sessions = new EmbeddedSessionStore(db, settings, clock);
      EmbeddedCallbackNonces nonces = new EmbeddedCallbackNonces(db, clock);
      EmbeddedAgentSessions agentSessions = new EmbeddedAgentSessions(db, clock);
      EmbeddedSurveyStore surveys = new EmbeddedSurveyStore(db, new SurveyCodes(new SecureRandom()),
          settings.reportFigures());
      long timer = vertx.setPeriodic(TimeUnit.MINUTES.toMillis(1), id -> {
        sessions.purgeExpired();
        nonces.purgeExpired();
        agentSessions.purgeExpired();
        surveys.purgeExpired(clock.instant());
      });
      return new Stores("embedded", sessions, new EmbeddedTicketStore(db), new EmbeddedOutbox(db),
          new EmbeddedTokenCache(db, clock), new EmbeddedDeliveryLog(db), new EmbeddedChatConversations(db, clock),
          nonces, new EmbeddedChatLog(db), new LocalChatBus(), new EmbeddedSmsChatLinks(db, clock), new EmbeddedAgentQueue(db),
          BlobStore.unavailable(), agentSessions, new MemoryLoginAttempts(clock, LOGIN_COUNTER_LIFETIME),
          new EmbeddedAuditLog(db), surveys, new EmbeddedAlertStore(db), new EmbeddedReports(db),
          () -> {
            vertx.cancelTimer(timer);
            return db.close();
          });
    });
  }
}
