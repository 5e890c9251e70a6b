package com.furnishcare.intake.store;

import com.furnishcare.intake.alert.AlertStore;
import com.furnishcare.intake.core.AgentQueue;
import com.furnishcare.intake.core.AgentSessions;
import com.furnishcare.intake.core.AuditLog;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.CallbackNonces;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.LoginAttempts;
import com.furnishcare.intake.core.Outbox;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.SmsChatLinks;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.core.TokenCache;
import com.furnishcare.intake.report.ReportStore;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The store-backed ports of one backend (embedded or Redis) and how to close them. Photos ({@code blobs})
 * are files in the data directory with either backend; the backends leave them unavailable and the
 * gateway adds the file store ({@link #withBlobs}). The console's sessions, failed-login counters and audit
 * log live here too, so that with Redis every process shares them, and so do the survey jobs, opt-outs and
 * responses ({@code surveys}), the alerts to WeCom group robots ({@code alerts}), and the report
 * aggregates kept current with the tickets and surveys ({@code reports}).
 */
public record Stores(String backend, SessionStore sessions, TicketStore tickets, Outbox outbox, TokenCache tokens,
    DeliveryLog deliveries, ChatConversations chats, CallbackNonces callbackNonces, ChatLog chatLog, ChatBus chatBus,
    SmsChatLinks smsChatLinks, AgentQueue agentQueue, BlobStore blobs, AgentSessions agentSessions, LoginAttempts loginAttempts,
    AuditLog audit, SurveyStore surveys, AlertStore alerts, ReportStore reports, Supplier<Future<Void>> closer) {

  public Future<Void> close() {
    return closer.get();
  }

  /** The same stores with another session store (tests wrap it to slow it down or watch it). */
  public Stores withSessions(SessionStore replacement) {
    return new Stores(backend, replacement, tickets, outbox, tokens, deliveries, chats, callbackNonces, chatLog, chatBus,
        smsChatLinks, agentQueue, blobs, agentSessions, loginAttempts, audit, surveys, alerts, reports, closer);
  }

  /** The same stores with this photo store, closed after the others. */
  public Stores withBlobs(BlobStore photos, Supplier<Future<Void>> closePhotos) {
    return new Stores(backend, sessions, tickets, outbox, tokens, deliveries, chats, callbackNonces, chatLog, chatBus,
        smsChatLinks, agentQueue, photos, agentSessions, loginAttempts, audit, surveys, alerts, reports, () -> closer.get().eventually(closePhotos));
  }
}
