package com.furnishcare.intake.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Route handlers that protect the server itself: per-address rate limit, JSON-only bodies, body deadline.
 * They are platform handlers: Vert.x runs those before a route's body handler, which is the point (a
 * refused request's body is never buffered).
 */
final class PublicGuards {

  private PublicGuards() {}

  /** 429 with Retry-After once the client address has used its bucket. */
  static PlatformHandler perAddress(ClientAddress clients, RateLimiter limiter) {
    return ctx -> {
      Optional<Duration> wait = limiter.take(clients.of(ctx));
      if (wait.isPresent()) {
        Responses.tooManyRequests(ctx, wait.get());
      } else {
        ctx.next();
      }
    };
  }

  /**
   * 415 unless the body is declared {@code application/json}. A browser sends text/plain and form bodies
   * cross-site without asking (a CORS "simple" request); JSON always needs a preflight, which the CORS
   * policy answers, so requiring it keeps other sites' pages out of the API.
   */
  static PlatformHandler requireJson() {
    return PublicGuards::requireJson;
  }

  private static void requireJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      Responses.error(ctx, 415, "Content-Type must be application/json");
      return;
    }
    ctx.next();
  }

  /**
   * A request whose body has not fully arrived within {@code timeout} gets 408 and its connection is
   * closed: a client that trickles a body must not hold a connection and a buffer for minutes. The
   * idle timeout catches a client that stops sending; this one catches a client that sends very slowly.
   */
  static PlatformHandler bodyDeadline(Vertx vertx, Duration timeout) {
    return ctx -> {
      if (!ctx.request().isEnded()) {
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
          if (ctx.request().isEnded()) {
            return;
          }
          ctx.response().putHeader("Connection", "close");
          Responses.error(ctx, 408, "request body not received in time");
          ctx.request().connection().close();
        });
        ctx.addEndHandler(done -> vertx.cancelTimer(timer));
      }
      ctx.next();
    };
  }

  /**
   * Every response: never sniff a type other than the declared one, and never cache (answers carry
   * tickets, transcripts and conversation secrets; nothing here is worth caching).
   */
  static PlatformHandler securityHeaders() {
    return PublicGuards::securityHeaders;
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
    ctx.next();
  }

  /**
   * With no origins configured, browsers may call the API only from the gateway's own pages: a request
   * carrying an {@code Origin} whose host and port differ from the request's {@code Host} is refused.
   * (Vert.x's CORS handler with no origins would allow every origin, which is not a policy.)
   */
  static PlatformHandler sameOriginOnly() {
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      String host = ctx.request().getHeader("Host");
      if (origin == null || (host != null && authority(origin).equalsIgnoreCase(host))) {
        ctx.next();
      } else {
        Responses.error(ctx, 403, "cross-origin requests are not allowed here");
      }
    };
  }

  /**
   * For the chat socket, which browsers open across origins without asking (CORS does not cover
   * WebSockets): a browser's Origin must be the gateway's own or one of the allowed origins.
   */
  static PlatformHandler socketOrigin(java.util.Collection<String> allowedOrigins) {
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      String host = ctx.request().getHeader("Host");
      if (origin == null || (host != null && authority(origin).equalsIgnoreCase(host))
          || allowedOrigins.contains(origin)) {
        ctx.next();
      } else {
        Responses.error(ctx, 403, "cross-origin requests are not allowed here");
      }
    };
  }

  private static String authority(String origin) {
    int scheme = origin.indexOf("://");
    return scheme < 0 ? origin : origin.substring(scheme + 3);
  }
}
