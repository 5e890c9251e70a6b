package com.furnishcare.intake.web;

import com.furnishcare.intake.chat.LinkCodes;
import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.core.SmsChatLinks;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /c/{code}}: the link in the SMS that answered a homeowner's text opens that conversation in
 * the web chat, history included.
 *
 * <p>Only hashes of conversation secrets are stored, so no secret can be handed out again. Redeeming a
 * code therefore draws a fresh secret and adds its hash to the conversation's valid secrets
 * ({@link ChatConversations#addSecret}); every secret given out before (another phone's page, an earlier
 * tap on the link) keeps working, and the socket needs no other kind of credential. The code is a bearer
 * credential for the link's life: requests are limited per address like the chat API, each redemption
 * counts as a new conversation for that address (RATE_LIMIT_NEW_CONVERSATIONS_PER_MIN), and one
 * conversation takes at most {@link #MAX_LINK_SECRETS} added secrets (link previews fetch it too), after
 * which the link answers 410 and the homeowner texts again or uses a page already open.
 *
 * <p>The answer is a tiny page (strict CSP, its script a file) that stores the id and the secret where
 * the chat page looks for them ({@code localStorage["furnishcare.chat"]}) and replaces itself with
 * {@code /chat}. An unknown, lapsed or malformed code gets 404, the same for each.
 */
final class ChatLinkRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(ChatLinkRoutes.class);
  /** Devices (and link previews) one conversation may be opened on through its link. */
  static final int MAX_LINK_SECRETS = 20;
  static final String CSP = "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none';"
      + " frame-ancestors 'none'";

  private final String page = text("webroot/chat/link.html");
  private final Buffer script = Buffer.buffer(text("webroot/chat/link.js"));
  private final SmsChatLinks links;
  private final ChatConversations conversations;
  private final ChatCredentials credentials;
  private final PublicLimits limits;
  private final Duration lifetime;

  ChatLinkRoutes(SmsChatLinks links, ChatConversations conversations, ChatCredentials credentials,
      PublicLimits limits, Duration lifetime) {
    this.links = links;
    this.conversations = conversations;
    this.credentials = credentials;
    this.limits = limits;
    this.lifetime = lifetime;
  }

  void mount(Router router) {
    router.get("/chat/link.js").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/javascript; charset=utf-8").end(script));
    router.get("/c/:code").handler(PublicGuards.perAddress(limits.clients(), limits.perAddress()))
        .handler(this::redeem);
  }

  private void redeem(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    if (code == null || !LinkCodes.FORMAT.matcher(code).matches()) {
      notFound(ctx);
      return;
    }
    Optional<Duration> wait = limits.newConversations().take(limits.clients().of(ctx));
    if (wait.isPresent()) {
      Responses.tooManyRequests(ctx, wait.get());
      return;
    }
    links.byCode(code).compose(link -> {
      if (link.isEmpty()) {
        notFound(ctx);
        return io.vertx.core.Future.succeededFuture();
      }
      String id = link.get().conversationId();
      String secret = credentials.newSecret();
      return conversations.addSecret(id, ChatCredentials.hash(secret), lifetime, MAX_LINK_SECRETS).map(added -> {
        if (added) {
          open(ctx, id, secret);
        } else {
          Responses.error(ctx, 410, "this link was opened too often; use a chat page already open or send us a new SMS");
        }
        return null;
      });
    }).onFailure(err -> {
      LOG.warn("chat link could not be redeemed: {}", err.toString());
      if (!ctx.response().ended()) {
        Responses.error(ctx, 503, "temporarily unavailable; please open the link again");
      }
    });
  }

  private void open(RoutingContext ctx, String conversationId, String secret) {
    // Both values are URL-safe base64 and so need no escaping; escaped anyway, as a page must never trust that.
    String html = page.replace("{{conversationId}}", escape(conversationId))
        .replace("{{conversationSecret}}", escape(secret));
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", CSP)
        // The address holds the code: never sent on to anyone.
        .putHeader("Referrer-Policy", "no-referrer")
        .end(html);
  }

  private static void notFound(RoutingContext ctx) {
    Responses.error(ctx, 404, "no such link; it may have expired");
  }

  private static String escape(String value) {
    return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String text(String resource) {
    try (InputStream in = ChatLinkRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
