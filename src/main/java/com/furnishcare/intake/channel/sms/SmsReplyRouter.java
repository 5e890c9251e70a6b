package com.furnishcare.intake.channel.sms;

import com.furnishcare.intake.chat.SmsChatStart;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.PersonalData;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.ticket.StatusSms;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A homeowner's SMS reply goes into the conversation their newest ticket came from: the one waiting
 * for "问题解决了吗？" first, otherwise the newest. There the dialog engine handles it like any message
 * (so "2" after the resolution SMS re-opens the ticket exactly as "没解决" typed in the chat would).
 *
 * <p>Nobody waits on an HTTP answer for an SMS, so the bot's reply is pushed on the homeowner's own
 * channel, every part of it (a WeChat turn would otherwise put its first part into the passive reply of
 * a request that does not exist). When that does not reach them (the web chat cannot push; WeChat
 * refuses after 48 hours), a change the reply made to the ticket is told by SMS, as status changes are.
 *
 * <p>Before all that, an SMS may be for a survey ({@link SmsSurveyReplies}): 退订 / TD / 拒收 stops surveys to
 * the number, and a bare number answers the first question of the survey invitation the phone was sent by
 * SMS — unless the resolution question waits for that digit.
 *
 * <p>An SMS from a phone with no ticket answers nothing pending; with a chat-link template configured it
 * starts a web chat ({@link SmsChatStart}), otherwise it is acknowledged and dropped.
 */
public final class SmsReplyRouter {

  private static final Logger LOG = LoggerFactory.getLogger(SmsReplyRouter.class);

  /** What the reply did. */
  public enum Outcome { DELIVERED, NO_TICKET, WEB_CHAT, SURVEY_OPT_OUT, SURVEY_ANSWER }

  private final TicketStore tickets;
  private final Map<ChannelName, TurnProcessor> channels;
  private final ResolutionDigits digits;
  private final StatusSms statusSms;
  private final Clock clock;
  private final Optional<SmsChatStart> chats;
  private final Optional<SmsSurveyReplies> surveys;

  /**
   * @param smsAsksForDigits a resolution template is configured, so the SMS for a resolved ticket asks
   *     for "1" or "2"
   * @param chats where an SMS from a phone without a ticket goes (SMS_CHAT_LINK_TEMPLATE_ID set); empty =
   *     it is acknowledged and dropped
   * @param surveys reads opt-outs and the digit answering an SMS survey invitation, before anything else
   */
  public SmsReplyRouter(TicketStore tickets, SessionStore sessions, Map<ChannelName, TurnProcessor> channels,
      boolean smsAsksForDigits, StatusSms statusSms, Clock clock, Optional<SmsChatStart> chats,
      Optional<SmsSurveyReplies> surveys) {
    this.chats = chats;
    this.surveys = surveys;
    this.tickets = tickets;
    this.channels = Map.copyOf(channels);
    this.digits = new ResolutionDigits(sessions, smsAsksForDigits);
    this.statusSms = statusSms;
    this.clock = clock;
  }

  /**
   * Resolves once the reply's turn is committed (the pushes follow); fails if it could not be, so the
   * provider retries.
   *
   * @param messageKey identifies this reply at the provider, so a callback delivered twice is one turn
   */
  public Future<Outcome> route(String mobile, String text, String messageKey) {
    if (surveys.isPresent() && surveys.get().optsOut(text)) {
      // 退订 / TD / 拒收: no survey to this number ever again (nothing sent back: no template for it).
      return surveys.get().optOut(mobile).map(Outcome.SURVEY_OPT_OUT);
    }
    Future<Optional<String>> linked = chats.map(c -> c.linkedConversation(mobile))
        .orElse(Future.succeededFuture(Optional.empty()));
    return Future.all(tickets.find(TicketQuery.ofPhone(mobile), 20), linked).compose(both -> {
      Optional<Ticket> ticket = pick(both.resultAt(0)).filter(t -> channels.containsKey(t.channel()));
      // An open "问题解决了吗？" takes its 1/2 first; any other digit may answer an SMS survey's first question.
      Future<Optional<String>> resolution = ticket.map(t -> digits.read(t, text))
          .orElse(Future.succeededFuture(Optional.empty()));
      return resolution.compose(option -> option.isPresent() || surveys.isEmpty()
          ? Future.succeededFuture(false)
          : surveys.get().answer(mobile, text, messageKey))
          .compose(surveyed -> surveyed
              ? Future.succeededFuture(Outcome.SURVEY_ANSWER)
              : route(mobile, text, messageKey, pick(both.resultAt(0)), both.resultAt(1), resolution.result()));
    });
  }

  /** The routes an SMS had before surveys: the ticket's conversation, or a web chat. */
  private Future<Outcome> route(String mobile, String text, String messageKey, Optional<Ticket> ticket,
      Optional<String> linkedConversation, Optional<String> option) {
    if (chats.isPresent() && intoWebChat(ticket, linkedConversation)) {
      // The text starts (or continues) the web chat an SMS started, whose link is sent back once.
      return chats.get().handle(mobile, text, messageKey).map(conversation -> Outcome.WEB_CHAT);
    }
    if (ticket.isEmpty() || !channels.containsKey(ticket.get().channel())) {
      return Future.succeededFuture(Outcome.NO_TICKET);
    }
    Ticket before = ticket.get();
    // A digit answering the resolution question goes in as that answer's option, like a pressed button.
    Map<String, String> attributes = option.map(o -> Map.of("via", "sms", "option", o)).orElse(Map.of("via", "sms"));
    InboundMessage message = new InboundMessage(new ConversationKey(before.channel(), before.userId()),
        MessageKind.TEXT, text.strip(), attributes, clock.instant());
    Promise<Boolean> reached = Promise.promise();
    reached.future().onSuccess(told -> {
      if (!told) {
        tellChangeBySms(before);
      }
    });
    return channels.get(before.channel()).handleUnprompted(message, messageKey, reached)
        .map(committed -> Outcome.DELIVERED);
  }

  /**
   * Nothing of theirs is pending, or their newest ticket was filed in the chat their own SMS started and
   * asks them nothing (the resolution question's "1"/"2" is read in the ticket's turn): the text goes
   * into that chat, logged where the page shows it.
   */
  private static boolean intoWebChat(Optional<Ticket> ticket, Optional<String> linkedConversation) {
    if (ticket.isEmpty()) {
      return true;
    }
    Ticket t = ticket.get();
    return linkedConversation.isPresent() && t.channel() == ChannelName.WEBCHAT
        && t.userId().equals(linkedConversation.get()) && t.status() != TicketStatus.RESOLVED;
  }

  /** The SMS says only what became of the ticket: templates carry no free text. */
  private void tellChangeBySms(Ticket before) {
    tickets.get(before.id())
        .onSuccess(after -> after.ifPresent(a -> statusSms.statusChanged(before, a)))
        .onFailure(err -> LOG.warn("SMS reply from {} not confirmed: ticket {} could not be read",
            PersonalData.mask(before.phone()), before.id(), err));
  }

  /** Newest first: the newest ticket waiting for the homeowner's confirmation, else the newest ticket. */
  static Optional<Ticket> pick(List<Ticket> newestFirst) {
    return newestFirst.stream().filter(t -> t.status() == TicketStatus.RESOLVED).findFirst()
        .or(() -> newestFirst.stream().findFirst());
  }
}
