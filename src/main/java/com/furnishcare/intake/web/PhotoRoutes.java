package com.furnishcare.intake.web;

import com.furnishcare.intake.config.GatewayConfig;
import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.photo.PhotoCheck;
import com.furnishcare.intake.photo.PhotoIntake;
import com.furnishcare.intake.photo.PhotoRefused;
import com.furnishcare.intake.turn.TurnAnswer;
import com.furnishcare.intake.chat.ChatService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Photos in the web chat. {@code POST /api/chat/photos} takes one photo as {@code multipart/form-data}
 * (field {@code photo}) with the conversation's credentials, keeps it (checked by content, location
 * removed, see {@link PhotoCheck}) and runs it as an image turn of that conversation, exactly as a
 * WeChat image is; the answer has the photo's id and URL and the bot's replies. {@code GET
 * /api/chat/photos/{id}} gives the photo back, only to the conversation that sent it. Credentials are
 * checked as for messages: an unknown conversation, a wrong secret and someone else's photo all get the
 * same 404.
 *
 * <p>The body is read by this class, not a body handler: the photo stays in memory (at most the limit)
 * and never touches the disk before its location is removed, and an upload over the limit is counted,
 * not kept.
 */
final class PhotoRoutes {

  static final String PHOTOS = "/photos";
  static final String URL_PREFIX = "/api/chat" + PHOTOS + "/";
  static final String FIELD = "photo";
  static final String ID_HEADER = "X-Conversation-Id";
  private static final Pattern ID = ChatRoutes.ID;
  private static final Pattern SECRET = ChatRoutes.SECRET;
  /** Boundaries, part headers and the two small form fields around the photo. */
  private static final long FRAMING = 16 * 1024;

  private final ChatService chat;
  private final ChatConversations conversations;
  private final BlobStore blobs;
  private final PhotoIntake intake;
  private final PublicLimits limits;
  private final Duration sessionIdle;
  private final Clock clock = Clock.systemUTC();

  PhotoRoutes(Vertx vertx, ChatService chat, ChatConversations conversations, BlobStore blobs, GatewayConfig config,
      PublicLimits limits) {
    this.chat = chat;
    this.conversations = conversations;
    this.blobs = blobs;
    this.intake = PhotoIntake.create(vertx, blobs, config.photoMaxBytes());
    this.limits = limits;
    this.sessionIdle = config.sessionIdleTimeout();
  }

  void mount(Router chat) {
    chat.post(PHOTOS).handler(PublicGuards.perAddress(limits.clients(), limits.perAddress())).handler(this::upload);
    chat.get(PHOTOS + "/:id").handler(PublicGuards.perAddress(limits.clients(), limits.perAddress()))
        .handler(this::download);
  }

  // ------------------------------------------------------------------ upload

  /** What arrived of one upload so far. */
  private static final class Upload {
    final Buffer photo = Buffer.buffer();
    boolean seen;
    long received;
    boolean tooLarge;
  }

  private void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
    if (!type.startsWith("multipart/form-data")) {
      Responses.error(ctx, 415, "Content-Type must be multipart/form-data, with the photo in a field named " + FIELD);
      return;
    }
    long max = intake.maxBytes();
    if (declaredLength(request) > max + FRAMING) {
      refuseAndClose(ctx, 413, PhotoCheck.tooLarge(max).getMessage());
      return;
    }
    Upload upload = new Upload();
    request.setExpectMultipart(true);
    request.uploadHandler(file -> {
      boolean wanted = FIELD.equals(file.name()) && !upload.seen;
      upload.seen |= wanted;
      file.handler(chunk -> {
        upload.received += chunk.length();
        if (upload.received > 2 * max + FRAMING) {
          // Far over the limit (no Content-Length was sent): stop reading rather than drain it all.
          refuseAndClose(ctx, 413, PhotoCheck.tooLarge(max).getMessage());
        } else if (wanted && upload.photo.length() + chunk.length() > max) {
          upload.tooLarge = true;
        } else if (wanted && !upload.tooLarge) {
          upload.photo.appendBuffer(chunk);
        }
      });
    });
    request.endHandler(end -> received(ctx, upload));
    request.resume();
  }

  private static long declaredLength(HttpServerRequest request) {
    try {
      return Long.parseLong(Optional.ofNullable(request.getHeader("Content-Length")).orElse("-1"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void received(RoutingContext ctx, Upload upload) {
    if (ctx.response().ended()) {
      return;
    }
    if (upload.tooLarge) {
      Responses.error(ctx, 413, PhotoCheck.tooLarge(intake.maxBytes()).getMessage());
      return;
    }
    HttpServerRequest request = ctx.request();
    Optional<String> conversationId = valid(first(request.getHeader(ID_HEADER), request.getFormAttribute("conversationId")), ID);
    Optional<String> secret = valid(first(request.getFormAttribute("conversationSecret"),
        request.getHeader(ChatRoutes.SECRET_HEADER)), SECRET);
    if (conversationId.isEmpty() || secret.isEmpty()) {
      noConversation(ctx);
      return;
    }
    String id = conversationId.get();
    conversations.verify(id, ChatCredentials.hash(secret.get()), sessionIdle).onComplete(verified -> {
      if (verified.failed()) {
        Responses.error(ctx, 503, "temporarily unavailable; please retry");
      } else if (!verified.result()) {
        noConversation(ctx);
      } else if (!upload.seen) {
        Responses.error(ctx, 400, "the photo must be sent as a file in a multipart field named " + FIELD);
      } else {
        Optional<Duration> wait = limits.perConversation().take(id);
        if (wait.isPresent()) {
          Responses.tooManyRequests(ctx, wait.get());
        } else {
          keepAndTurn(ctx, id, upload.photo.getBytes());
        }
      }
    });
  }

  private void keepAndTurn(RoutingContext ctx, String conversationId, byte[] bytes) {
    ConversationKey key = new ConversationKey(ChannelName.WEBCHAT, conversationId);
    intake.keep(key.asString(), bytes).onComplete(kept -> {
      if (kept.failed()) {
        if (kept.cause() instanceof PhotoRefused refused) {
          Responses.error(ctx, refused.reason() == PhotoRefused.Reason.TOO_LARGE ? 413 : 415, refused.getMessage());
        } else {
          Responses.error(ctx, 503, "the photo could not be stored; please retry");
        }
        return;
      }
      String blobId = kept.result().id();
      String url = URL_PREFIX + blobId;
      // Logged as a photo entry (the page shows it) and read as an image; the same photo sent again is the
      // same turn: a retried upload gets the recorded answer.
      chat.sendPhoto(conversationId, blobId, url).onComplete(turn -> {
        TurnAnswer answer = turn.succeeded() ? turn.result() : TurnAnswer.none();
        Responses.json(ctx, 200, new JsonObject().put("conversationId", conversationId).put("photoId", blobId)
            .put("url", url).put("replies", ChatReplies.json(answer.replies())));
      });
    });
  }

  // ------------------------------------------------------------------ download

  private void download(RoutingContext ctx) {
    String photoId = ctx.pathParam("id");
    Optional<String> conversationId = valid(ctx.request().getHeader(ID_HEADER), ID);
    Optional<String> secret = valid(ctx.request().getHeader(ChatRoutes.SECRET_HEADER), SECRET);
    if (!BlobIds.isValid(photoId) || conversationId.isEmpty() || secret.isEmpty()) {
      noPhoto(ctx);
      return;
    }
    String owner = new ConversationKey(ChannelName.WEBCHAT, conversationId.get()).asString();
    conversations.verify(conversationId.get(), ChatCredentials.hash(secret.get()), sessionIdle)
        .compose(verified -> verified ? blobs.get(photoId) : Future.succeededFuture(Optional.<BlobStore.Blob>empty()))
        .onComplete(found -> {
          if (found.failed()) {
            Responses.error(ctx, 503, "temporarily unavailable; please retry");
          } else if (found.result().isEmpty() || !found.result().get().owner().equals(owner)) {
            noPhoto(ctx);
          } else if (!ctx.response().ended()) {
            BlobStore.Blob blob = found.result().get();
            ctx.response().putHeader("Content-Type", blob.contentType())
                .putHeader("Content-Disposition", "inline; filename=\"" + photoId + "\"")
                .end(Buffer.buffer(blob.bytes()));
          }
        });
  }

  // ------------------------------------------------------------------ helpers

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static Optional<String> valid(String value, Pattern pattern) {
    return value != null && pattern.matcher(value).matches() ? Optional.of(value) : Optional.empty();
  }

  private static void refuseAndClose(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().putHeader("Connection", "close");
    ctx.response().endHandler(done -> ctx.request().connection().close());
    Responses.error(ctx, status, message);
  }

  private static void noConversation(RoutingContext ctx) {
    // Word for word the messages route's answer: neither door tells whether an id exists.
    Responses.error(ctx, 404, "no such conversation; start a new one by sending a message without conversationId");
  }

  private static void noPhoto(RoutingContext ctx) {
    Responses.error(ctx, 404, "no such photo; photos are given back only to their conversation, with "
        + ID_HEADER + " and " + ChatRoutes.SECRET_HEADER);
  }
}
