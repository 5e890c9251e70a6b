package com.furnishcare.intake.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionVersion;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.Chat;
import com.furnishcare.intake.dialog.DialogContext;
import com.furnishcare.intake.dialog.DialogEngine;
import com.furnishcare.intake.dialog.Lookups;
import com.furnishcare.intake.dialog.TicketIds;
import com.furnishcare.intake.dialog.Turn;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.faq.FaqIndex;
import com.furnishcare.intake.faq.KnowledgeBases;
import com.furnishcare.intake.store.StoredForms;
import com.furnishcare.intake.turn.TurnLookups;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The dialog engine (with its NLU and the shipped knowledge base behind the FAQ look-ups) in a random
 * conversation: up to a few dozen turns of random text (CJK, emoji, lone surrogates, control characters,
 * very long text), pressed options (offered ones and made-up ones), photos, locations, menu clicks, events and
 * status changes of the homeowner's tickets. Every turn must answer something without throwing, and the
 * session must survive the stores' codec unchanged: it is encoded, decoded and encoded again (the same JSON)
 * and what the next turn starts from went through UTF-8 bytes, as it does through SQLite or Redis.
 */
final class DialogTarget {

  private static final DialogBook BOOK = Chat.book();
  private static final FaqIndex FAQ = faq();
  private static final MessageKind[] HOMEOWNER = {MessageKind.TEXT, MessageKind.TEXT, MessageKind.TEXT,
      MessageKind.TEXT, MessageKind.VOICE, MessageKind.IMAGE, MessageKind.LOCATION, MessageKind.LINK,
      MessageKind.SUBSCRIBE, MessageKind.UNSUBSCRIBE, MessageKind.MENU_CLICK, MessageKind.SCAN, MessageKind.OTHER,
      MessageKind.OTHER_EVENT};
  private static final String[] ATTRIBUTES = {"option", "mediaId", "picUrl", "latitude", "longitude", "scale", "url",
      "description", "event", "scene", "wechatMsgType", "via", "verifiedMobile", "format"};

  private DialogTarget() {}

  private static FaqIndex faq() {
    try {
      return KnowledgeBases.shipped();
    } catch (Exception e) {
      throw new AssertionError("the shipped knowledge base does not load", e);
    }
  }

  static void run(FuzzedDataProvider data) {
    DialogEngine engine = new DialogEngine(() -> BOOK, new TicketIds(new Random(data.consumeLong())));
    ConversationKey user = new ConversationKey(data.pickValue(ChannelName.values()), "fuzz-user");
    List<Ticket> tickets = new ArrayList<>();
    Instant now = Instant.parse("2026-11-24T02:00:00Z").plusSeconds(data.consumeInt(0, 400 * 24 * 3600));
    Session session = Session.fresh(now);
    List<Reply> last = List.of();
    int turns = data.consumeInt(1, 30);
    for (int i = 0; i < turns && data.remainingBytes() > 0; i++) {
      now = now.plusSeconds(data.consumeInt(0, 3) == 0 ? data.consumeInt(0, 30 * 24 * 3600) : 20);
      InboundMessage message = message(data, user, now, last, tickets);
      Turn turn = engine.respond(session, message, DialogContext.at(now, lookups(tickets)));
      if (message.kind() == MessageKind.TEXT || message.kind() == MessageKind.VOICE) {
        assertFalse(turn.replies().isEmpty(), "no answer to " + message);
      }
      for (Reply reply : turn.replies()) {
        assertTrue(reply.text() != null && reply.options() != null && reply.fields() != null, "half a reply: " + reply);
      }
      tickets.addAll(turn.newTickets());
      for (Ticket changed : turn.changedTickets()) {
        tickets.replaceAll(t -> t.id().equals(changed.id()) ? changed : t);
      }
      last = turn.replies();
      session = stored(turn.session());
    }
  }

  /**
   * The session as a store keeps it: the codec must give back the same values and JSON (keys in any order, the
   * version token aside); bytes go through UTF-8.
   */
  private static Session stored(Session session) {
    String json = StoredForms.session(session);
    Session decoded = StoredForms.session(json);
    assertEquals(session.values(), decoded.values(), "the session codec changed the session");
    // Apart from its version token, fresh on every write.
    assertEquals(new JsonObject(json).put("v", ""), new JsonObject(StoredForms.session(decoded)).put("v", ""),
        "the session codec is not stable");
    assertEquals(SessionVersion.TOKEN_LENGTH, SessionVersion.of(json).length(), "the stored text starts with its token");
    return StoredForms.session(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static InboundMessage message(FuzzedDataProvider data, ConversationKey user, Instant now, List<Reply> last,
      List<Ticket> tickets) {
    if (!tickets.isEmpty() && data.consumeInt(0, 7) == 0) {
      // The service team moves one of the homeowner's tickets (a trusted, well-formed event).
      Ticket ticket = tickets.get(data.consumeInt(0, tickets.size() - 1));
      return new InboundMessage(user, MessageKind.TICKET_UPDATE, "", Map.of("ticketId", ticket.id(),
          "status", data.pickValue(TicketStatus.values()).name().toLowerCase(java.util.Locale.ROOT),
          "note", FuzzText.text(data, 3)), now);
    }
    MessageKind kind = data.pickValue(HOMEOWNER);
    Map<String, String> attributes = new HashMap<>();
    List<Reply.Option> offered = last.stream().flatMap(r -> r.options().stream()).toList();
    if (!offered.isEmpty() && data.consumeInt(0, 2) == 0) {
      attributes.put(InboundMessage.OPTION, offered.get(data.consumeInt(0, offered.size() - 1)).id());
    }
    int extra = data.consumeInt(0, 2);
    for (int i = 0; i < extra; i++) {
      attributes.put(data.pickValue(ATTRIBUTES), FuzzText.text(data, 2));
    }
    String text = kind == MessageKind.TEXT || kind == MessageKind.VOICE || data.consumeBoolean()
        ? FuzzText.text(data, 8) : "";
    return new InboundMessage(user, kind, text, attributes, now);
  }

  /** The look-up port as TurnProcessor builds it, on the conversation's own tickets and the shipped index. */
  private static Lookups lookups(List<Ticket> tickets) {
    return TurnLookups.waitingOn(new TurnLookups.Sources() {
      @Override
      public Future<List<Ticket>> tickets(TicketQuery query, int limit) {
        return Future.succeededFuture(tickets.stream().filter(query::matches).limit(limit).toList());
      }

      @Override
      public Future<FaqResult> faq(FaqQuery query, int limit) {
        return Future.succeededFuture(query.byEntry() ? FAQ.lookup(query.entryId()) : FAQ.search(query.text(), limit));
      }
    }, Duration.ofSeconds(1));
  }
}
