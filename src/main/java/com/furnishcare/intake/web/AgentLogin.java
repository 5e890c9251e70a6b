package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentAccount;
import com.furnishcare.intake.agent.PasswordHashes;
import com.furnishcare.intake.config.AgentConsoleConfig;
import com.furnishcare.intake.core.AgentSessions;
import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.core.AuditLog;
import com.furnishcare.intake.core.LoginAttempts;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /agent/login} (the form), {@code POST /agent/login} ({@code username}, {@code password},
 * form-encoded) and {@code POST /agent/logout}. A wrong password and an unknown username get the same
 * answer after the same work (an unknown name is checked against a dummy hash), so neither the answer nor
 * its timing tells which usernames exist. Failures are counted per username and per client address;
 * at the limit the login answers 429 with Retry-After until the window ends, without checking anything.
 */
final class AgentLogin {

  private static final Logger LOG = LoggerFactory.getLogger(AgentLogin.class);
  static final String LOGIN = "/agent/login";
  static final String LOGOUT = "/agent/logout";
  static final String CONSOLE = "/agent";
  /** Two short fields: a larger body is no login. */
  private static final int FORM_LIMIT = 4096;
  private static final int MAX_USERNAME = 64;
  private static final int MAX_PASSWORD = 256;

  private final AgentConsole console;
  private final AgentSessions sessions;
  private final LoginAttempts attempts;
  private final AuditLog audit;
  private final ClientAddress clients;
  private final AgentCookie cookie;
  private final WorkerExecutor passwords;
  private final Clock clock;
  private final AgentLoginPage page = new AgentLoginPage();

  /** @param passwords where hashes are checked (slow by design: never on the event loop) */
  AgentLogin(AgentConsole console, AgentSessions sessions, LoginAttempts attempts, AuditLog audit,
      ClientAddress clients, WorkerExecutor passwords, Clock clock) {
    this.console = console;
    this.sessions = sessions;
    this.attempts = attempts;
    this.audit = audit;
    this.clients = clients;
    this.cookie = new AgentCookie(clients);
    this.passwords = passwords;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get(LOGIN).handler(ctx -> page.send(ctx, 200,
        "1".equals(ctx.request().getParam("error")) ? AgentLoginPage.WRONG
            : "1".equals(ctx.request().getParam("signedOut")) ? AgentLoginPage.SIGNED_OUT : "",
        LoginReturn.of(ctx.request().getParam(LoginReturn.PARAM))));
    router.post(LOGIN).handler(sameSiteOnly()).handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT))
        .handler(this::login);
    router.post(LOGOUT).handler(sameSiteOnly()).handler(BodyHandler.create(false).setBodyLimit(FORM_LIMIT))
        .handler(this::logout);
  }

  /** Another site's page must not sign a browser in (login CSRF) or out. */
  private static PlatformHandler sameSiteOnly() {
    return ctx -> {
      if (SameSiteRequests.crossSite(ctx)) {
        Responses.error(ctx, 403, "cross-site requests are not allowed here");
      } else {
        ctx.next();
      }
    };
  }

  /** Where this login goes back to: the checked {@code next} field of the form, if any. */
  private static Optional<String> next(RoutingContext ctx) {
    return LoginReturn.of(ctx.request().getFormAttribute(LoginReturn.PARAM));
  }

  /** The login page again with a notice, keeping where the login goes back to. */
  private static String again(RoutingContext ctx, String flag) {
    return next(ctx).map(n -> LoginReturn.loginFor(n) + "&" + flag).orElse(LOGIN + "?" + flag);
  }

  private void login(RoutingContext ctx) {
    String username = Optional.ofNullable(ctx.request().getFormAttribute("username")).orElse("").strip();
    String password = Optional.ofNullable(ctx.request().getFormAttribute("password")).orElse("");
    if (username.isEmpty() || username.length() > MAX_USERNAME || password.isEmpty()
        || password.length() > MAX_PASSWORD) {
      redirect(ctx, again(ctx, "error=1")); // no account has such a name or password: nothing to check or count
      return;
    }
    AgentConsoleConfig settings = console.settings();
    String address = clients.of(ctx);
    String accountKey = "account:" + username;
    String addressKey = "address:" + address;
    Future<Duration> accountWait = attempts.refusedFor(accountKey, settings.accountFailures());
    Future<Duration> addressWait = attempts.refusedFor(addressKey, settings.addressFailures());
    Future.all(accountWait, addressWait).compose(waits -> {
      Duration wait = max(accountWait.result(), addressWait.result());
      if (!wait.isZero()) {
        LOG.info("console login for {} from {} refused: too many failures", username, address);
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        page.send(ctx, 429, AgentLoginPage.tooManyFailures(Math.max(1, (wait.toSeconds() + 59) / 60)), next(ctx));
        return Future.succeededFuture();
      }
      Optional<AgentAccount> account = console.accounts().get().find(username);
      return passwords.executeBlocking(() -> account.isPresent()
          ? PasswordHashes.matches(password, account.get().passwordHash())
          : PasswordHashes.matchesNothing(password), false)
          .compose(ok -> ok ? signIn(ctx, username, accountKey, address)
              : refuse(ctx, username, account.isPresent(), accountKey, addressKey, address));
    }).onFailure(ctx::fail);
  }

  private Future<Void> signIn(RoutingContext ctx, String username, String accountKey, String address) {
    return attempts.clear(accountKey)
        .compose(cleared -> sessions.create(username, console.settings().sessionIdle()))
        .compose(id -> audit.record(new AuditEntry(username, "login", address, "", clock.instant())).map(id))
        .map(id -> {
          LOG.info("console login: {} from {}", username, address);
          cookie.set(ctx, id);
          redirect(ctx, next(ctx).orElse(CONSOLE));
          return null;
        });
  }

  private Future<Void> refuse(RoutingContext ctx, String username, boolean known, String accountKey,
      String addressKey, String address) {
    Duration window = console.settings().failureWindow();
    return Future.all(attempts.failed(accountKey, window), attempts.failed(addressKey, window),
        audit.record(new AuditEntry(username, "login_failed", address, known ? "wrong password" : "unknown user",
            clock.instant())))
        .map(done -> {
          LOG.info("console login failed for {} from {}", username, address);
          redirect(ctx, again(ctx, "error=1"));
          return null;
        });
  }

  private void logout(RoutingContext ctx) {
    Optional<String> id = AgentCookie.read(ctx);
    if (id.isEmpty()) {
      cookie.clear(ctx);
      redirect(ctx, LOGIN);
      return;
    }
    sessions.touch(id.get(), console.settings().sessionIdle()).compose(found -> {
      if (found.isEmpty()) {
        cookie.clear(ctx);
        redirect(ctx, LOGIN);
        return Future.succeededFuture();
      }
      if (!AgentAuth.csrfMatches(ctx, found.get().csrfToken())) {
        Responses.error(ctx, 403, "missing or wrong " + AgentAuth.CSRF_HEADER);
        return Future.succeededFuture();
      }
      return sessions.delete(id.get())
          .compose(deleted -> audit.record(new AuditEntry(found.get().username(), "logout", clients.of(ctx), "",
              clock.instant())))
          .map(recorded -> {
            cookie.clear(ctx);
            redirect(ctx, LOGIN + "?signedOut=1");
            return null;
          });
    }).onFailure(ctx::fail);
  }

  private static void redirect(RoutingContext ctx, String location) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(303).putHeader("Location", location).end();
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
