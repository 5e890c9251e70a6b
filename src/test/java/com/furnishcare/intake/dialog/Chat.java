package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.turn.TurnLookups;
import io.vertx.core.Future;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.faq.FaqIndex;
import com.furnishcare.intake.faq.KnowledgeBases;
import com.furnishcare.intake.store.StoredForms;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One homeowner talking to the dialog engine, with an in-memory ticket list standing in for the store
 * and the shipped knowledge base (answering the engine's look-ups the way TurnProcessor does). The session goes through the
 * stores' JSON form after every turn, as it does between real messages and across restarts.
 */
public final class Chat {

  public static DialogBook book() {
    try {
      return DialogBookLoader.load(Path.of("dialogs"), Path.of("config/grading.yaml"), Path.of("config/dealers.csv"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The shipped dialogs/ files by name, for a test that changes one of them. */
  public static java.util.Map<String, String> shippedFiles() {
    try (var list = java.nio.file.Files.list(Path.of("dialogs"))) {
      java.util.Map<String, String> files = new java.util.HashMap<>();
      for (Path p : list.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(p.getFileName().toString(), java.nio.file.Files.readString(p));
      }
      return files;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A dialog book from the given files and the shipped grading rules. */
  public static DialogBook book(java.util.Map<String, String> files) {
    try {
      return DialogBookLoader.parse(files, "grading.yaml", java.nio.file.Files.readString(Path.of("config/grading.yaml")));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The shipped knowledge base, as the gateway builds it. */
  static final FaqIndex FAQ = shippedFaq();

  private static FaqIndex shippedFaq() {
    try {
      return KnowledgeBases.shipped();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private final DialogEngine engine;
  private final ConversationKey user;
  private final List<Ticket> tickets;
  /** Each ticket look-up the engine made, with how many tickets it asked for at most. */
  final List<Map.Entry<TicketQuery, Integer>> ticketLookups = new ArrayList<>();
  private Session session;
  private Instant now = Instant.parse("2026-11-24T02:00:00Z"); // 10:00 in China
  int userTurns;
  private List<Reply> lastReplies = List.of();

  Chat(String userId) {
    this(userId, new ArrayList<>());
  }

  /** A user on an already loaded dialog book (the conversation simulator runs hundreds of chats on one). */
  public Chat(String userId, DialogBook book) {
    this.engine = new DialogEngine(() -> book, new TicketIds(new Random(42)));
    this.user = new ConversationKey(ChannelName.WECHAT, userId);
    this.tickets = new ArrayList<>();
    this.session = Session.fresh(now);
  }

  /** A second user sharing the same ticket list. */
  Chat(String userId, List<Ticket> sharedTickets) {
    DialogBook book = book();
    this.engine = new DialogEngine(() -> book, new TicketIds(new Random(42)));
    this.user = new ConversationKey(ChannelName.WECHAT, userId);
    this.tickets = sharedTickets;
    this.session = Session.fresh(now);
  }

  public List<String> say(String text) {
    return send(MessageKind.TEXT, text, Map.of());
  }

  /** A button of the web chat pressed: the option's id sent, as the widget sends it, with no text. */
  public List<String> press(String optionId) {
    return send(MessageKind.TEXT, "", Map.of("option", optionId));
  }

  public List<String> photo(String mediaId) {
    return send(MessageKind.IMAGE, "", Map.of("mediaId", mediaId, "picUrl", "http://img/" + mediaId));
  }

  List<String> send(MessageKind kind, String text, Map<String, String> attributes) {
    userTurns++;
    now = now.plusSeconds(20);
    InboundMessage message = new InboundMessage(user, kind, text, attributes, now);
    // The gateway's own look-up port, with the ticket list and the shipped index as its sources.
    Lookups lookups = TurnLookups.waitingOn(new TurnLookups.Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        ticketLookups.add(Map.entry(query, limit));
        return Future.succeededFuture(tickets.stream().filter(query::matches).limit(limit).toList());
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        return Future.succeededFuture(query.byEntry() ? FAQ.lookup(query.entryId()) : FAQ.search(query.text(), limit));
      }
    }, Duration.ofSeconds(1));
    Turn turn = engine.respond(session, message, DialogContext.at(now, lookups));
    lastReplies = turn.replies();
    tickets.addAll(turn.newTickets());
    for (Ticket changed : turn.changedTickets()) {
      tickets.replaceAll(t -> t.id().equals(changed.id()) ? changed : t);
    }
    session = StoredForms.session(StoredForms.session(turn.session()));
    return turn.texts();
  }

  /** The last turn's replies as the engine gave them, options and kinds included. */
  public List<Reply> lastReplies() {
    return lastReplies;
  }

  /** The service team changed a ticket's status; returns what the customer is told. */
  List<String> statusChanged(String ticketId, String status, String note) {
    userTurns--;
    return send(MessageKind.TICKET_UPDATE, "", Map.of("ticketId", ticketId, "status", status, "note", note));
  }

  void pause(Duration duration) {
    now = now.plus(duration);
  }

  String last(List<String> replies) {
    return replies.get(replies.size() - 1);
  }

  public List<Ticket> tickets() {
    return tickets;
  }

  public Session session() {
    return session;
  }
}
