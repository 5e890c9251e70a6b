package com.furnishcare.intake.ticket;

import com.furnishcare.intake.config.TicketingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * Whether Request Tracker answers an authenticated request with the configured credentials: a GET of
 * {@code /REST/2.0/queues/all}, which every REST 2.0 user may make. Used by {@code --check}.
 */
public final class RtReachability {

  /** How RT answered. {@code rejected}: it answered but refused the credentials (401/403). */
  public record Answer(int status, boolean rejected, String body) {}

  private RtReachability() {}

  /** Fails when RT cannot be reached at all (connection refused, timeout, TLS). */
  public static Future<Answer> ask(Vertx vertx, TicketingConfig.RequestTracker rt, long timeoutMs) {
    RtClient client = new RtClient(vertx, rt.url(), rt.token(), rt.user(), rt.password());
    return client.request(HttpMethod.GET, "/queues/all", timeoutMs).send()
        .map(response -> new Answer(response.statusCode(),
            response.statusCode() == 401 || response.statusCode() == 403,
            abbreviate(response.bodyAsString())));
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
  }
}
