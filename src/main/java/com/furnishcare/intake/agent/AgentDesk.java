package com.furnishcare.intake.agent;

import com.furnishcare.intake.chat.ChatWriter;
import com.furnishcare.intake.core.AgentQueue;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.PushSender;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.ticket.TicketStatusUpdates;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.turn.TurnProcessor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a person at the console can do with a conversation handed over: see the queue, take a case (the
 * only owner), reply on the homeowner's own channel, hand it back to the bot or close it; supervisors
 * reassign. Every action is checked against the login (dealer staff only touch their dealer's cases) and
 * written to the audit trail.
 */
public final class AgentDesk {

  private static final Logger LOG = LoggerFactory.getLogger(AgentDesk.class);
  /** WeChat accepts customer-service messages this long after the homeowner's last message. */
  static final Duration WECHAT_WINDOW = Duration.ofHours(48);

  private final AgentQueue queue;
  private final ChatWriter writer;
  private final Map<ChannelName, TurnProcessor> turns;
  private final Map<ChannelName, PushSender> senders;
  private final AgentNews news;
  private final AuditTrail audit;
  private final GatewayMetrics metrics;
  private final Clock clock;
  private final TicketStore tickets;
  private final TicketStatusUpdates updates;
  private final OutsideWindow outsideWindow;

  /**
   * @param turns each channel's turn service, to let the bot speak again after a hand-back
   * @param senders how an agent's reply reaches a homeowner outside the web chat (WeChat: kefu messages)
   */
  public AgentDesk(AgentQueue queue, ChatWriter writer, Map<ChannelName, TurnProcessor> turns,
      Map<ChannelName, PushSender> senders, AgentNews news, AuditTrail audit, GatewayMetrics metrics, Clock clock,
      TicketStore tickets, TicketStatusUpdates updates, OutsideWindow outsideWindow) {
    this.outsideWindow = outsideWindow;
    this.tickets = tickets;
    this.updates = updates;
    this.queue = queue;
    this.writer = writer;
    this.turns = Map.copyOf(turns);
    this.senders = Map.copyOf(senders);
    this.news = news;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * The cases this login may see, most urgent first: past their deadline, then waiting before served,
   * then by deadline and level.
   */
  public Future<List<HandoffCase>> queue(AgentPrincipal who) {
    Instant now = clock.instant();
    return queue.all().map(all -> all.stream()
        .filter(c -> who.maySee(c.route().dealer()))
        .sorted(urgency(now))
        .toList());
  }

  static Comparator<HandoffCase> urgency(Instant now) {
    return Comparator.<HandoffCase, Boolean>comparing(c -> !c.overdue(now))
        .thenComparing(c -> !c.waiting())
        .thenComparing(HandoffCase::firstResponseDue)
        .thenComparing(Comparator.comparingInt(HandoffCase::level).reversed())
        .thenComparing(HandoffCase::queuedAt);
  }

  /** The open case, if this login may see it; a case of another dealer is "not found". */
  public Future<Optional<HandoffCase>> visibleCase(AgentPrincipal who, String conversation) {
    return queue.get(conversation).map(found -> found.filter(c -> who.maySee(c.route().dealer())));
  }

  /** Takes a waiting case: this login becomes its only owner. */
  public Future<HandoffCase> take(AgentPrincipal who, String conversation) {
    return visible(who, conversation).compose(c -> queue.assign(conversation, Optional.empty(),
            Optional.of(who.username()), clock.instant()))
        .compose(taken -> {
          if (taken.isEmpty()) {
            metrics.agentAction("take", "conflict");
            return queue.get(conversation).compose(now -> Future.failedFuture(new AgentDeskException(409,
                now.flatMap(HandoffCase::owner).map(o -> "already taken by " + o).orElse("no longer waiting"))));
          }
          done("take", who, conversation, "");
          return Future.succeededFuture(taken.get());
        });
  }

  /** A supervisor gives a case to another agent (or back to the queue when {@code to} is empty). */
  public Future<HandoffCase> reassign(AgentPrincipal who, String conversation, Optional<String> to) {
    if (!who.supervisor()) {
      return Future.failedFuture(new AgentDeskException(403, "only a supervisor can reassign"));
    }
    return visible(who, conversation)
        .compose(c -> queue.assign(conversation, c.owner(), to, clock.instant())
            .compose(changed -> changed.isPresent()
                ? Future.succeededFuture(changed.get())
                : Future.failedFuture(new AgentDeskException(409, "changed meanwhile; look again"))))
        .onSuccess(c -> done("reassign", who, conversation, to.orElse("(queue)")));
  }

  /**
   * Sends the agent's words on the homeowner's channel and writes them in the transcript under the
   * agent's name. Resolves with what became of them; the same {@code clientId} sent twice is one message.
   */
  public Future<AgentDelivery> reply(AgentPrincipal who, String conversation, String clientId, String text) {
    return reply(who, conversation, clientId, text, Optional.empty());
  }

  /**
   * As above; {@code route} names a way past WeChat's closed 48-hour window (template, sms) that the
   * console offered. Without one, a reply outside the window is not sent: the answer says so and lists
   * the routes open for this homeowner.
   */
  public Future<AgentDelivery> reply(AgentPrincipal who, String conversation, String clientId, String text,
      Optional<String> route) {
    return owned(who, conversation).compose(c -> {
      Instant now = clock.instant();
      Reply said = new Reply(Reply.Kind.TEXT, text, List.of(), Map.of("agentName", who.displayName()));
      boolean windowClosed = c.channel() == ChannelName.WECHAT && now.isAfter(c.lastInboundAt().plus(WECHAT_WINDOW));
      Future<AgentDelivery> sent;
      if (windowClosed && route.isEmpty()) {
        sent = outsideWindow.routes(c).map(routes -> new AgentDelivery("outside_window",
            "last message from the homeowner " + c.lastInboundAt() + "; WeChat takes no customer-service message now",
            routes));
      } else if (windowClosed) {
        sent = writer.append(c.key().transcriptId(), "a:" + clientId, ChatEntry.Author.AGENT, said)
            .compose(entry -> outsideWindow.send(route.get(), c, clientId, said))
            .recover(err -> Future.succeededFuture(failure(c, err)));
      } else {
        sent = writer.append(c.key().transcriptId(), "a:" + clientId, ChatEntry.Author.AGENT, said)
            .compose(entry -> deliver(c, said));
      }
      return sent.compose(delivery -> {
        metrics.agentAction("reply", delivery.status());
        audit.record(who.username(), "reply", conversation, delivery.status() + route.map(r -> " via " + r).orElse(""));
        return delivery.reachedOrKept()
            ? queue.mark(conversation, AgentQueue.Mark.FIRST_RESPONSE, now).map(delivery)
            : Future.succeededFuture(delivery);
      });
    });
  }

  /**
   * Changes a ticket of the conversation (status, level, a note for the homeowner), as the ticketing system
   * would: one turn of the conversation, the change queued for the ticketing store through the outbox.
   */
  public Future<Ticket> updateTicket(AgentPrincipal who, String conversation, String ticketId,
      TicketStatus status, Optional<Integer> level, String note) {
    return visible(who, conversation).compose(c -> tickets.get(ticketId).compose(found -> {
      if (found.isEmpty() || found.get().channel() != c.channel() || !found.get().userId().equals(c.userId())) {
        return Future.failedFuture(new AgentDeskException(404, "no ticket " + ticketId + " in this conversation"));
      }
      return updates.apply(ticketId, status, level, note, "agent:" + UUID.randomUUID());
    })).onSuccess(t -> audit.record(who.username(), "ticket", conversation,
        ticketId + " status=" + status.wireName() + level.map(l -> " level=" + l).orElse("")));
  }

  /**
   * Files a ticket from what the conversation collected, {@code category} and {@code description} filling
   * what it lacks: one turn of the conversation (so it reaches the ticketing store through the outbox, and
   * the homeowner is told its number). Resolves with the ticket.
   */
  public Future<Ticket> fileTicket(AgentPrincipal who, String conversation, String category, String description) {
    return visible(who, conversation).compose(c -> {
      TurnProcessor channel = turns.get(c.channel());
      if (channel == null) {
        return Future.failedFuture(new AgentDeskException(409, "no way to reach " + c.channel().wireName()));
      }
      // Stores keep milliseconds: the ticket filed now is created at or after this instant.
      Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      InboundMessage file = new InboundMessage(c.key(), MessageKind.AGENT_FILE, "",
          Map.of("category", category, "description", description), at);
      return channel.handleUnprompted(file, "agent-file:" + UUID.randomUUID(), Promise.promise())
          .compose(done -> tickets.find(com.furnishcare.intake.core.TicketQuery.ofUser(c.key()), 50))
          .map(theirs -> theirs.stream().filter(t -> !t.createdAt().isBefore(at))
              .max(Comparator.comparing(Ticket::createdAt))
              .orElseThrow(() -> new AgentDeskException(503, "the ticket was not filed; try again")));
    }).onSuccess(t -> audit.record(who.username(), "ticket", conversation, "filed " + t.id()));
  }

  /** An internal note on the conversation: agents see it, the homeowner never does (a log of its own). */
  public Future<ChatEntry> note(AgentPrincipal who, String conversation, String clientId, String text) {
    return visible(who, conversation).compose(c -> writer.append(notesId(c.key()), "n:" + clientId,
            ChatEntry.Author.AGENT, new Reply(Reply.Kind.TEXT, text, List.of(), Map.of("agentName", who.displayName()))))
        .onSuccess(e -> audit.record(who.username(), "note", conversation, ""));
  }

  /** The transcript id of a conversation's internal notes: never a web-chat id, so no page can read it. */
  public static String notesId(ConversationKey key) {
    return "notes:" + key.asString();
  }

  /** Gives the conversation back to the bot, which picks up where it was or offers the menu. */
  public Future<Void> handBack(AgentPrincipal who, String conversation) {
    return finish(who, conversation, "handback");
  }

  /** Ends the conversation: the bot says goodbye and the case is closed. */
  public Future<Void> close(AgentPrincipal who, String conversation) {
    return finish(who, conversation, "close");
  }

  private Future<Void> finish(AgentPrincipal who, String conversation, String how) {
    return visible(who, conversation).compose(c -> {
      // Its owner, or a supervisor, may finish a served case; anyone who may see it may close a waiting one.
      if (c.owner().isPresent() && !c.owner().get().equals(who.username()) && !who.supervisor()) {
        return Future.failedFuture(new AgentDeskException(403, "served by " + c.owner().get()));
      }
      return queue.close(conversation, c.owner()).compose(closed -> {
        if (!closed) {
          return Future.failedFuture(new AgentDeskException(409, "changed meanwhile; look again"));
        }
        done(how, who, conversation, "");
        return botSpeaks(c, how);
      });
    });
  }

  /** The bot's turn after the person left: pushed like a ticket update, since nobody waits on a request. */
  private Future<Void> botSpeaks(HandoffCase c, String how) {
    TurnProcessor channel = turns.get(c.channel());
    if (channel == null) {
      return Future.succeededFuture();
    }
    InboundMessage done = new InboundMessage(c.key(), MessageKind.AGENT_DONE, "", Map.of("how", how), clock.instant());
    Promise<Boolean> reached = Promise.promise();
    return channel.handleUnprompted(done, "agent-done:" + UUID.randomUUID(), reached);
  }

  /** Owners whose console has been away longer than {@code timeout} lose their cases to the queue. */
  public Future<Integer> requeueStranded(Duration timeout) {
    Instant now = clock.instant();
    return queue.all().compose(all -> {
      long overdue = all.stream().filter(c -> c.overdue(now)).count();
      long owned = all.stream().filter(c -> !c.waiting()).count();
      metrics.agentQueue(all.size() - owned, owned, overdue);
      List<HandoffCase> stranded = all.stream()
          .filter(c -> c.owner().isPresent() && c.ownerSeenAt().plus(timeout).isBefore(now)).toList();
      Future<Integer> count = Future.succeededFuture(0);
      for (HandoffCase c : stranded) {
        count = count.compose(n -> queue.assign(c.conversation(), c.owner(), Optional.empty(), now).map(back -> {
          if (back.isPresent()) {
            LOG.info("case {} back in the queue: its owner's console was away", c.conversation());
            audit.record("system", "requeue", c.conversation(), "owner " + c.owner().get() + " away");
            return n + 1;
          }
          return n;
        }));
      }
      return count.onSuccess(n -> {
        if (n > 0) {
          news.queueChanged();
        }
      });
    });
  }

  /** The console of {@code who} is connected: their cases are not stranded. */
  public Future<Void> seen(AgentPrincipal who) {
    Instant now = clock.instant();
    return queue.all().compose(all -> Future.all(all.stream()
        .filter(c -> c.owner().equals(Optional.of(who.username())))
        .map(c -> queue.mark(c.conversation(), AgentQueue.Mark.OWNER_SEEN, now)).toList()).mapEmpty());
  }

  private Future<AgentDelivery> deliver(HandoffCase c, Reply said) {
    if (c.channel() == ChannelName.WEBCHAT) {
      // The entry is in the log: an open page shows it now, a closed one when the homeowner comes back.
      return writer.bus().anyoneListening(c.key().transcriptId())
          .map(open -> open ? AgentDelivery.delivered()
              : new AgentDelivery("stored", "no chat page open: shown when the homeowner opens it"));
    }
    PushSender sender = senders.get(c.channel());
    if (sender == null) {
      return Future.succeededFuture(new AgentDelivery("failed", "no way to reach " + c.channel().wireName()));
    }
    return sender.push(c.key(), said).map(v -> AgentDelivery.delivered())
        .recover(err -> Future.succeededFuture(failure(c, err)));
  }

  private static AgentDelivery failure(HandoffCase c, Throwable err) {
    if (err instanceof PushSender.PushRejected rejected) {
      return new AgentDelivery("refused", rejected.code() + " " + rejected.getMessage());
    }
    if (err instanceof com.furnishcare.intake.core.SmsSender.Rejected rejected) {
      return new AgentDelivery("refused", rejected.getMessage());
    }
    LOG.warn("agent reply to {} failed: {}", c.conversation(), err.toString());
    return new AgentDelivery("failed", String.valueOf(err.getMessage()));
  }

  private Future<HandoffCase> visible(AgentPrincipal who, String conversation) {
    return visibleCase(who, conversation).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(AgentDeskException.notFound()));
  }

  private Future<HandoffCase> owned(AgentPrincipal who, String conversation) {
    return visible(who, conversation).compose(c -> c.owner().equals(Optional.of(who.username()))
        ? Future.succeededFuture(c)
        : Future.failedFuture(new AgentDeskException(409, c.owner().map(o -> "served by " + o)
            .orElse("take the conversation first"))));
  }

  private void done(String action, AgentPrincipal who, String conversation, String detail) {
    metrics.agentAction(action, "ok");
    audit.record(who.username(), action, conversation, detail);
    news.queueChanged();
  }
}
