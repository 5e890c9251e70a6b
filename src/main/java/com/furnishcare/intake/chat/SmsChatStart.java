package com.furnishcare.intake.chat;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatConversations;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.PersonalData;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.SmsChatLinks;
import com.furnishcare.intake.core.SmsSender;
import com.furnishcare.intake.turn.Retry;
import com.furnishcare.intake.web.ChatCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMS that answers no pending question ("我家柜子漏水了") starts a web-chat conversation: the text is its
 * first message (logged, answered by the bot, in the queue like any chat), and the sender gets one
 * template SMS whose variable is the short code of a link that opens that very conversation in the web
 * chat, history included. A second SMS from the same phone while the link lives continues the
 * conversation; the link SMS is sent once per conversation.
 *
 * <p>The conversation is registered with a secret nobody is given: the link code is the only way in, and
 * redeeming it adds a fresh secret (see {@code web.ChatLinkRoutes}). Each step may be repeated after a
 * crash or a callback delivered twice: the conversation found by phone, the message deduplicated by a
 * client id taken from the provider's message key, the SMS claimed once in the store before it is sent
 * (at most once: a provider failure after three tries is recorded, not retried forever).
 */
public final class SmsChatStart {

  private static final Logger LOG = LoggerFactory.getLogger(SmsChatStart.class);
  private static final int ATTEMPTS = 3;
  /** The same bound as the web chat's own messages. */
  private static final int MAX_TEXT = 2000;

  private final Vertx vertx;
  private final SmsChatLinks links;
  private final ChatConversations conversations;
  private final ChatCredentials credentials;
  private final LinkCodes codes;
  private final ChatService chat;
  private final SmsSender sms;
  private final String templateId;
  private final DeliveryLog deliveries;
  private final Duration lifetime;
  private final Clock clock;

  /** @param lifetime how long the link and its conversation live (SESSION_IDLE_TIMEOUT_S) */
  public SmsChatStart(Vertx vertx, SmsChatLinks links, ChatConversations conversations, ChatCredentials credentials,
      LinkCodes codes, ChatService chat, SmsSender sms, String templateId, DeliveryLog deliveries, Duration lifetime,
      Clock clock) {
    this.vertx = vertx;
    this.links = links;
    this.conversations = conversations;
    this.credentials = credentials;
    this.codes = codes;
    this.chat = chat;
    this.sms = sms;
    this.templateId = templateId;
    this.deliveries = deliveries;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * Resolves with the conversation once the message's turn is committed (the link SMS follows); fails if
   * it could not be, so the provider retries.
   *
   * @param messageKey identifies this SMS at the provider: delivered twice, it is one message
   */
  public Future<String> handle(String mobile, String text, String messageKey) {
    String words = text.strip();
    String said = words.length() > MAX_TEXT ? words.substring(0, MAX_TEXT) : words;
    return conversationOf(mobile).compose(link -> chat.send(link.conversationId(), clientId(messageKey), said,
            Map.of("via", "sms", InboundMessage.VERIFIED_MOBILE, mobile))
        .map(answer -> {
          notifyOnce(link);
          return link.conversationId();
        }));
  }

  /**
   * An agent's reply for a homeowner no other channel reaches (WeChat's 48-hour window has closed): written
   * into the phone's web chat (opened if there is none), and an SMS with the link to it sent now.
   *
   * @return the web-chat conversation the words are in; fails when the SMS was refused or could not be sent
   */
  public Future<String> agentReply(String mobile, String clientId, Reply said) {
    return conversationOf(mobile).compose(link -> chat.agentSays(link.conversationId(), "a:" + clientId, said)
        .compose(entry -> Retry.withPauses(vertx, ATTEMPTS, e -> e instanceof SmsSender.Rejected,
            () -> sms.send(link.phone(), templateId, List.of(link.code()))))
        .onSuccess(sent -> record("sms_sent", link, "chat link for an agent's reply, template " + templateId))
        .map(link.conversationId()));
  }

  /**
   * A turn nobody typed (a survey answer by SMS that calls for a person) in the phone's web chat, opened if
   * there is none; then the link SMS, once per conversation as for a typed SMS, so the homeowner can read it.
   *
   * @param turn runs the turn in the conversation of that id; resolves once it is committed
   */
  public Future<String> unprompted(String mobile, java.util.function.Function<String, Future<Void>> turn) {
    return conversationOf(mobile).compose(link -> turn.apply(link.conversationId()).map(committed -> {
      notifyOnce(link);
      return link.conversationId();
    }));
  }

  /** The conversation the phone's live link opens, if any. */
  public Future<Optional<String>> linkedConversation(String mobile) {
    return links.byPhone(mobile).map(link -> link.map(SmsChatLinks.Link::conversationId));
  }

  /** The phone's live conversation, or a new one. */
  private Future<SmsChatLinks.Link> conversationOf(String mobile) {
    return links.byPhone(mobile).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      // Registered before the link names it, so a link never points at a conversation that does not exist;
      // one left over by a lost race lapses unused.
      String id = credentials.newId();
      return conversations.register(id, ChatCredentials.hash(credentials.newSecret()), lifetime)
          .compose(v -> links.open(new SmsChatLinks.Link(id, codes.next(), mobile), lifetime)
              // A code already taken (one in 10^6 with 30,000 live links): draw once more.
              .recover(err -> links.open(new SmsChatLinks.Link(id, codes.next(), mobile), lifetime)));
    });
  }

  /** Web-chat client ids are 1-64 of letters, digits, '-', '_'; the provider's key is "sms:" and hex. */
  static String clientId(String messageKey) {
    return messageKey.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private void notifyOnce(SmsChatLinks.Link link) {
    links.claimNotice(link.code(), lifetime).onComplete(claimed -> {
      if (claimed.failed()) {
        LOG.warn("web-chat link SMS for {} not sent: the store did not answer", PersonalData.mask(link.phone()),
            claimed.cause());
      } else if (claimed.result()) {
        send(link);
      }
    });
  }

  private void send(SmsChatLinks.Link link) {
    Retry.withPauses(vertx, ATTEMPTS, e -> e instanceof SmsSender.Rejected,
        () -> sms.send(link.phone(), templateId, List.of(link.code()))).onComplete(ar -> {
          // The code is a credential: the delivery log names the template, never the code.
          if (ar.succeeded()) {
            record("sms_sent", link, "chat link, template " + templateId);
          } else if (ar.cause() instanceof SmsSender.Rejected rejected) {
            LOG.warn("web-chat link SMS to {} rejected: {} {}", PersonalData.mask(link.phone()), rejected.code(),
                rejected.getMessage());
            record("sms_rejected", link, rejected.code() + " " + rejected.getMessage());
          } else {
            LOG.warn("web-chat link SMS to {} failed after {} attempts: {}", PersonalData.mask(link.phone()), ATTEMPTS,
                ar.cause().getMessage());
            record("sms_failed", link, String.valueOf(ar.cause().getMessage()));
          }
        });
  }

  private void record(String kind, SmsChatLinks.Link link, String detail) {
    deliveries.record(new DeliveryEvent(kind, ChannelName.SMS, link.conversationId(), "chat-link", detail,
        clock.instant()));
  }
}
