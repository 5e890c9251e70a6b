package com.furnishcare.intake.web;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqQuery;
import com.furnishcare.intake.core.FaqSearch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/faq/search?q=…&limit=…} (staff): the knowledge base's hits for a question and what the
 * bot would do with them (answer / choices / none), so agents and editors see what homeowners get.
 */
final class FaqRoutes {

  static final int MAX_QUESTION_CHARS = 500;
  static final int DEFAULT_LIMIT = 5;
  static final int MAX_LIMIT = 20;

  private final FaqSearch faq;

  FaqRoutes(FaqSearch faq) {
    this.faq = faq;
  }

  /** On the admin sub-router (mounted at {@code /api}, behind the admin token). */
  void mount(Router admin) {
    admin.get("/faq/search").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    String q = ctx.request().getParam("q", "").strip();
    if (q.isEmpty()) {
      Responses.error(ctx, 400, "q is required: the question to search for");
      return;
    }
    if (q.length() > MAX_QUESTION_CHARS) {
      Responses.error(ctx, 400, "q is longer than " + MAX_QUESTION_CHARS + " characters");
      return;
    }
    int limit;
    try {
      limit = Integer.parseInt(ctx.request().getParam("limit", Integer.toString(DEFAULT_LIMIT)).strip());
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      Responses.error(ctx, 400, "limit must be a whole number from 1 to " + MAX_LIMIT);
      return;
    }
    faq.find(FaqQuery.question(q), limit).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(ctx, 503, "knowledge base unavailable");
        return;
      }
      JsonArray hits = new JsonArray();
      for (FaqHit hit : ar.result().hits()) {
        hits.add(new JsonObject().put("id", hit.id()).put("question", hit.question())
            .put("score", round(hit.score())).put("confidence", round(hit.confidence()))
            .put("category", hit.category().isEmpty() ? null : hit.category()));
      }
      Responses.json(ctx, 200, new JsonObject().put("query", q).put("decision", ar.result().decision().wireName())
          .put("hits", hits));
    });
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
