package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentAccount;
import com.furnishcare.intake.agent.AgentDirectory;
import com.furnishcare.intake.agent.AgentPrincipal;
import com.furnishcare.intake.core.AgentSessions;
import com.furnishcare.intake.core.AgentSessions.AgentSession;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The session check in front of every console route: the first handler of the {@code /agent} pages'
 * sub-router ({@link #pages}) and of the {@code /api/agent} sub-router ({@link #api}, which also guards the
 * console's WebSocket upgrade). A request passes with a live session whose account still exists in the
 * accounts file; its {@link AgentPrincipal} is rebuilt from the file on every request (so a removed account
 * or a changed role takes effect at once) and put in the context under {@link AgentPrincipal#CONTEXT_KEY},
 * the session under {@link #SESSION_KEY}.
 *
 * <p>Every request that changes state (not GET/HEAD/OPTIONS) must carry the session's CSRF token in the
 * {@code X-CSRF-Token} header (or, for a form post whose body a BodyHandler already parsed, the form field
 * {@code csrf}), and no request that changes state or opens a WebSocket may come from another site's page
 * ({@code Origin}): else 403. Without a live session: pages answer 303 to {@code /agent/login}, the API 401.
 */
public final class AgentAuth implements Handler<RoutingContext> {

  /** Where the authenticated request carries its {@link AgentSession} (for the CSRF token, e.g. /me). */
  public static final String SESSION_KEY = "agentSession";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "csrf";
  static final String LOGIN_PAGE = "/agent/login";

  private final AgentSessions sessions;
  private final Supplier<AgentDirectory> accounts;
  private final Duration idle;
  private final boolean forPages;
  /** For pages whose login comes back to them ({@link LoginReturn}): the page's address; else empty. */
  private final String returnTo;

  private AgentAuth(AgentSessions sessions, Supplier<AgentDirectory> accounts, Duration idle, boolean forPages,
      String returnTo) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.idle = idle;
    this.forPages = forPages;
    this.returnTo = returnTo;
  }

  /** For HTML routes under {@code /agent}: without a session, 303 to the login page. */
  public static AgentAuth pages(AgentSessions sessions, Supplier<AgentDirectory> accounts, Duration idle) {
    return new AgentAuth(sessions, accounts, idle, true, "");
  }

  /**
   * For the reports dashboard under {@code /reports}: without a session, 303 to the login page, which comes
   * back to the dashboard (with the filters of the address asked for, when they are plain) after signing in.
   */
  public static AgentAuth reportPages(AgentSessions sessions, Supplier<AgentDirectory> accounts, Duration idle) {
    return new AgentAuth(sessions, accounts, idle, true, LoginReturn.REPORTS);
  }

  /** For {@code /api/agent/*} JSON routes and the console's WebSocket: without a session, 401 JSON. */
  public static AgentAuth api(AgentSessions sessions, Supplier<AgentDirectory> accounts, Duration idle) {
    return new AgentAuth(sessions, accounts, idle, false, "");
  }

  @Override
  public void handle(RoutingContext ctx) {
    boolean changes = SameSiteRequests.changesState(ctx) || SameSiteRequests.webSocketUpgrade(ctx);
    if (changes && SameSiteRequests.crossSite(ctx)) {
      Responses.error(ctx, 403, "cross-site requests are not allowed here");
      return;
    }
    Optional<String> id = AgentCookie.read(ctx);
    if (id.isEmpty()) {
      refuse(ctx);
      return;
    }
    // A body must not flow (and be lost) while the store answers: paused until a later handler reads it,
    // as Vert.x's own authentication handlers do.
    boolean paused = !ctx.request().isEnded();
    if (paused) {
      ctx.request().pause();
    }
    sessions.touch(id.get(), idle).onComplete(found -> {
      if (paused) {
        ctx.request().resume();
      }
      if (found.failed()) {
        ctx.fail(found.cause());
        return;
      }
      if (found.result().isEmpty()) {
        refuse(ctx);
        return;
      }
      AgentSession session = found.result().get();
      Optional<AgentAccount> account = accounts.get().find(session.username());
      if (account.isEmpty()) {
        // Removed from the accounts file: the session ends with it.
        sessions.delete(id.get());
        refuse(ctx);
        return;
      }
      if (SameSiteRequests.changesState(ctx) && !csrfMatches(ctx, session.csrfToken())) {
        Responses.error(ctx, 403, "missing or wrong " + CSRF_HEADER);
        return;
      }
      ctx.put(AgentPrincipal.CONTEXT_KEY, account.get().principal());
      ctx.put(SESSION_KEY, session);
      ctx.next();
    });
  }

  private void refuse(RoutingContext ctx) {
    if (forPages && !returnTo.isEmpty()) {
      String query = ctx.request().query();
      String next = ctx.normalizedPath().equals(returnTo) && query != null
          ? LoginReturn.of(returnTo + "?" + query).orElse(returnTo) : returnTo;
      ctx.response().setStatusCode(303).putHeader("Location", LoginReturn.loginFor(next)).end();
    } else if (forPages) {
      ctx.response().setStatusCode(303).putHeader("Location", LOGIN_PAGE).end();
    } else {
      Responses.error(ctx, 401, "not signed in: sign in at " + LOGIN_PAGE);
    }
  }

  /** Constant-time: the comparison's timing must not tell an attacker how much of a guess was right. */
  static boolean csrfMatches(RoutingContext ctx, String expected) {
    String given = ctx.request().getHeader(CSRF_HEADER);
    if (given == null && ctx.request().isEnded()) {
      given = ctx.request().getFormAttribute(CSRF_FIELD);
    }
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        given.getBytes(StandardCharsets.UTF_8));
  }

  /** The session of an authenticated request. */
  public static AgentSession session(RoutingContext ctx) {
    AgentSession session = ctx.get(SESSION_KEY);
    if (session == null) {
      throw new IllegalStateException("agent route mounted without the agent session check");
    }
    return session;
  }
}
