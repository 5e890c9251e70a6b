package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentPrincipal;
import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.core.AuditLog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's routes, behind {@link AgentAuth}: {@code pages} is mounted at {@code /agent}, {@code api} at
 * {@code /api/agent}; both already check the session and CSRF token. For now: who is signed in
 * ({@code GET /api/agent/me}), the audit log for supervisors ({@code GET /api/agent/audit}) and a minimal
 * {@code GET /agent} page (the console page replaces it).
 */
public final class AgentRoutes {

  static final int AUDIT_DEFAULT = 100;
  static final int AUDIT_MAX = 1000;

  private final AuditLog audit;

  public AgentRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void mount(Router pages, Router api) {
    api.get("/me").handler(this::me);
    api.get("/audit").handler(this::audit);
  }

  /** {@code {"username","displayName","role","dealer","csrf"}}: the page sends csrf back as X-CSRF-Token. */
  private void me(RoutingContext ctx) {
    AgentPrincipal who = AgentPrincipal.of(ctx);
    Responses.json(ctx, 200, new JsonObject().put("username", who.username()).put("displayName", who.displayName())
        .put("role", who.role().wireName()).put("dealer", who.dealer().orElse(null))
        .put("csrf", AgentAuth.session(ctx).csrfToken()));
  }

  /** {@code GET /api/agent/audit?limit=100}: newest first; supervisors only. */
  private void audit(RoutingContext ctx) {
    if (!AgentPrincipal.of(ctx).supervisor()) {
      Responses.error(ctx, 403, "the audit log is for supervisors");
      return;
    }
    String raw = ctx.request().getParam("limit");
    int limit = AUDIT_DEFAULT;
    if (raw != null) {
      try {
        limit = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > AUDIT_MAX) {
        Responses.error(ctx, 400, "limit must be a whole number from 1 to " + AUDIT_MAX);
        return;
      }
    }
    audit.recent(limit).onSuccess(entries -> {
      JsonArray list = new JsonArray();
      for (AuditEntry e : entries) {
        list.add(new JsonObject().put("actor", e.actor()).put("action", e.action()).put("target", e.target())
            .put("detail", e.detail()).put("at", e.at().toString()));
      }
      Responses.json(ctx, 200, new JsonObject().put("entries", list));
    }).onFailure(ctx::fail);
  }
}
