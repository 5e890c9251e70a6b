package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentDesk;
import com.furnishcare.intake.agent.AgentDeskException;
import com.furnishcare.intake.agent.AgentPrincipal;
import com.furnishcare.intake.agent.OutsideWindow;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqSearch;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.dialog.DialogEngine;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's JSON API under {@code /api/agent} (behind the agent session check, which has put the
 * principal in the context): the queue, one conversation with its transcript, facts, tickets and notes,
 * and the actions take, reply, reassign, notes, hand back, close; plus a knowledge-base search.
 */
final class AgentApiRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AgentApiRoutes.class);
  static final int BODY_LIMIT = 16 * 1024;
  static final int MAX_TEXT_CHARS = 2000;
  private static final int TRANSCRIPT_LIMIT = 1000;
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final AgentDesk desk;
  private final ChatLog log;
  private final SessionStore sessions;
  private final TicketStore tickets;
  private final FaqSearch faq;
  private final AgentJson json;
  private final Clock clock;

  AgentApiRoutes(AgentDesk desk, ChatLog log, SessionStore sessions, TicketStore tickets, FaqSearch faq, AgentJson json,
      Clock clock) {
    this.desk = desk;
    this.log = log;
    this.sessions = sessions;
    this.tickets = tickets;
    this.faq = faq;
    this.json = json;
    this.clock = clock;
  }

  void mount(Router api) {
    api.get("/queue").handler(this::queue);
    api.get("/conversations/:id").handler(this::conversation);
    api.get("/faq").handler(this::faq);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    api.post("/conversations/:id/take").handler(body).handler(ctx -> answer(ctx,
        desk.take(who(ctx), id(ctx)).map(c -> json.caseJson(c, clock.instant()))));
    api.post("/conversations/:id/reassign").handler(body).handler(this::reassign);
    api.post("/conversations/:id/reply").handler(body).handler(this::reply);
    api.post("/conversations/:id/notes").handler(body).handler(this::note);
    api.post("/conversations/:id/ticket").handler(body).handler(this::ticket);
    api.post("/conversations/:id/handback").handler(body).handler(ctx -> answer(ctx,
        desk.handBack(who(ctx), id(ctx)).map(v -> new JsonObject().put("ok", true))));
    api.post("/conversations/:id/close").handler(body).handler(ctx -> answer(ctx,
        desk.close(who(ctx), id(ctx)).map(v -> new JsonObject().put("ok", true))));
  }

  private void queue(RoutingContext ctx) {
    Instant now = clock.instant();
    answer(ctx, desk.queue(who(ctx)).map(cases -> {
      JsonArray out = new JsonArray();
      cases.forEach(c -> out.add(json.caseJson(c, now)));
      return new JsonObject().put("now", now.toString()).put("cases", out);
    }));
  }

  /** One conversation as the agent needs it: nothing of it for a login that may not see it (404). */
  private void conversation(RoutingContext ctx) {
    String id = id(ctx);
    answer(ctx, desk.visibleCase(who(ctx), id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new AgentDeskException(404, "no such conversation"));
      }
      HandoffCase c = found.get();
      Future<List<ChatEntry>> entries = log.after(c.key().transcriptId(), 0, TRANSCRIPT_LIMIT);
      Future<List<ChatEntry>> notes = log.after(AgentDesk.notesId(c.key()), 0, TRANSCRIPT_LIMIT);
      Future<Map<String, String>> facts = sessions.load(c.key())
          .map(s -> s.map(DialogEngine::collected).orElse(Map.of()));
      Future<List<com.furnishcare.intake.core.Ticket>> theirs = tickets.find(TicketQuery.ofUser(c.key()), 20);
      return Future.all(entries, notes, facts, theirs).map(all -> new JsonObject()
          .put("case", json.caseJson(c, clock.instant()))
          .put("entries", entries(entries.result()))
          .put("notes", entries(notes.result()))
          .put("facts", new JsonObject(new TreeMap<String, Object>(facts.result())))
          .put("tickets", new JsonArray(theirs.result().stream().map(json::ticket).toList())));
    }));
  }

  private void reassign(RoutingContext ctx) {
    Optional<JsonObject> body = body(ctx);
    if (body.isEmpty()) {
      return;
    }
    Object to = body.get().getValue("to");
    if (to != null && !(to instanceof String s && USERNAME.matcher(s).matches())) {
      Responses.error(ctx, 400, "to must be a username or null (back to the queue)");
      return;
    }
    answer(ctx, desk.reassign(who(ctx), id(ctx), Optional.ofNullable((String) to))
        .map(c -> json.caseJson(c, clock.instant())));
  }

  /** {@code {"clientId", "text", "route"?}}: {@code route} (template, sms) only past WeChat's 48-hour window. */
  private void reply(RoutingContext ctx) {
    Optional<Said> said = said(ctx);
    if (said.isEmpty()) {
      return;
    }
    Object route = ctx.body().asJsonObject().getValue("route");
    if (route != null && !OutsideWindow.TEMPLATE.equals(route) && !OutsideWindow.SMS.equals(route)) {
      Responses.error(ctx, 400, "route must be template or sms (for a homeowner past WeChat's 48-hour window)");
      return;
    }
    Said s = said.get();
    answer(ctx, desk.reply(who(ctx), id(ctx), s.clientId(), s.text(), Optional.ofNullable((String) route))
        .map(d -> new JsonObject().put("delivery", new JsonObject().put("status", d.status()).put("detail", d.detail())
            .put("routes", new JsonArray(d.routes())))));
  }

  private void note(RoutingContext ctx) {
    Optional<Said> said = said(ctx);
    said.ifPresent(s -> answer(ctx, desk.note(who(ctx), id(ctx), s.clientId(), s.text()).map(AgentJson::entry)));
  }

  /** {@code {"ticketId", "status"?, "level"?, "note"?}}: status defaults to the ticket's current one. */
  private void ticket(RoutingContext ctx) {
    Optional<JsonObject> body = body(ctx);
    if (body.isEmpty()) {
      return;
    }
    JsonObject b = body.get();
    Object ticketId = b.getValue("ticketId");
    Object status = b.getValue("status");
    Object level = b.getValue("level");
    Object note = b.getValue("note", "");
    if (ticketId == null) {
      file(ctx, b);
      return;
    }
    if (!(ticketId instanceof String id) || id.isBlank() || id.length() > 64) {
      Responses.error(ctx, 400, "ticketId must name a ticket of this conversation (or be left out to file one)");
      return;
    }
    if (status != null && !(status instanceof String)) {
      Responses.error(ctx, 400, "status must be one of pending, in_progress, resolved, unsatisfied, closed");
      return;
    }
    if (level != null && !(level instanceof Integer l && l >= 1 && l <= 3)) {
      Responses.error(ctx, 400, "level must be 1, 2 or 3");
      return;
    }
    if (!(note instanceof String n) || n.length() > 500) {
      Responses.error(ctx, 400, "note must be text of at most 500 characters");
      return;
    }
    Optional<Integer> newLevel = Optional.ofNullable((Integer) level);
    answer(ctx, tickets.get(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new AgentDeskException(404, "no ticket " + id + " in this conversation"));
      }
      TicketStatus wanted;
      try {
        wanted = status == null ? found.get().status() : TicketStatus.fromWire((String) status);
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new AgentDeskException(400,
            "status must be one of pending, in_progress, resolved, unsatisfied, closed"));
      }
      return desk.updateTicket(who(ctx), id(ctx), id, wanted, newLevel, n);
    }).map(json::ticket));
  }

  /** No ticketId: a new ticket from the conversation's facts, {@code category} and {@code description} optional. */
  private void file(RoutingContext ctx, JsonObject body) {
    Object category = body.getValue("category", "");
    Object description = body.getValue("description", "");
    if (!(category instanceof String c) || c.length() > 64 || !(description instanceof String d) || d.length() > 1000) {
      Responses.error(ctx, 400, "category (a category code) and description (at most 1000 characters) must be text");
      return;
    }
    answer(ctx, desk.fileTicket(who(ctx), id(ctx), c.strip(), d.strip()).map(json::ticket));
  }

  private void faq(RoutingContext ctx) {
    String q = ctx.request().getParam("q", "").strip();
    if (q.isEmpty() || q.length() > FaqRoutes.MAX_QUESTION_CHARS) {
      Responses.error(ctx, 400, "q is required: a question of at most " + FaqRoutes.MAX_QUESTION_CHARS + " characters");
      return;
    }
    answer(ctx, faq.find(FaqQuery.question(q), 5).map(result -> {
      JsonArray hits = new JsonArray();
      for (FaqHit hit : result.hits()) {
        hits.add(new JsonObject().put("id", hit.id()).put("question", hit.question()).put("answer", hit.answer())
            .put("score", Math.round(hit.confidence() * 1000) / 1000.0));
      }
      return new JsonObject().put("hits", hits);
    }));
  }

  private record Said(String clientId, String text) {}

  /** {@code {"clientId", "text"}}: a message or note; refused with 400 and why, or empty (answered). */
  private static Optional<Said> said(RoutingContext ctx) {
    Optional<JsonObject> body = body(ctx);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    Object clientId = body.get().getValue("clientId");
    Object text = body.get().getValue("text");
    if (!(clientId instanceof String c) || !CLIENT_ID.matcher(c).matches()) {
      Responses.error(ctx, 400, "clientId must be 1-64 letters, digits, - or _ (the same id sent twice is one message)");
      return Optional.empty();
    }
    if (!(text instanceof String t) || t.isBlank()) {
      Responses.error(ctx, 400, "text is required");
      return Optional.empty();
    }
    if (t.length() > MAX_TEXT_CHARS) {
      Responses.error(ctx, 400, "text is longer than " + MAX_TEXT_CHARS + " characters");
      return Optional.empty();
    }
    return Optional.of(new Said(c, t.strip()));
  }

  private static Optional<JsonObject> body(RoutingContext ctx) {
    String raw = ctx.body().asString();
    if (raw == null || raw.isBlank()) {
      return Optional.of(new JsonObject());
    }
    try {
      return Optional.of(new JsonObject(raw));
    } catch (DecodeException | ClassCastException e) {
      Responses.error(ctx, 400, "the body must be a JSON object");
      return Optional.empty();
    }
  }

  private static JsonArray entries(List<ChatEntry> entries) {
    JsonArray out = new JsonArray();
    entries.forEach(e -> out.add(AgentJson.entry(e)));
    return out;
  }

  private static AgentPrincipal who(RoutingContext ctx) {
    return AgentPrincipal.of(ctx);
  }

  private static String id(RoutingContext ctx) {
    return ctx.pathParam("id");
  }

  /** Sends the result, or the refusal with its status; anything unexpected is a 503 and logged. */
  private static void answer(RoutingContext ctx, Future<JsonObject> result) {
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        Responses.json(ctx, 200, ar.result());
      } else if (ar.cause() instanceof AgentDeskException refused) {
        Responses.error(ctx, refused.status(), refused.getMessage());
      } else {
        LOG.error("agent request {} {} failed", ctx.request().method(), ctx.normalizedPath(), ar.cause());
        Responses.error(ctx, 503, "the store is unavailable; try again");
      }
    });
  }

}
