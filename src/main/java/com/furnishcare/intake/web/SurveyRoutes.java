package com.furnishcare.intake.web;

import com.furnishcare.intake.core.PersonalData;
import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyResponseQuery;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.survey.SurveyResults;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/surveys/dispatch} (service events from the order system become survey jobs, each event
 * once), {@code GET /api/surveys/responses} (JSON, or CSV with {@code format=csv}) and
 * {@code GET /api/surveys/summary} (CSAT and NPS, {@link SurveyResults}); admin.
 */
final class SurveyRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SurveyRoutes.class);
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final int MAX_RESPONSES = 50_000;

  private final Vertx vertx;
  private final SurveyStore surveys;
  private final SurveyEvents events;
  private final SurveyCatalog catalog;
  private final Clock clock;

  SurveyRoutes(Vertx vertx, SurveyStore surveys, SurveyCatalog catalog, Clock clock) {
    this.vertx = vertx;
    this.surveys = surveys;
    this.events = new SurveyEvents(catalog);
    this.catalog = catalog;
    this.clock = clock;
  }

  /** On the admin sub-router (mounted at {@code /api}, behind the admin token). */
  void mount(Router admin) {
    admin.post("/surveys/dispatch").handler(PublicGuards.requireJson())
        .handler(BodyHandler.create(false).setBodyLimit(SurveyEvents.BODY_LIMIT)).handler(this::dispatch);
    admin.get("/surveys/responses").handler(this::responses);
    admin.get("/surveys/summary").handler(this::summary);
  }

  private void dispatch(RoutingContext ctx) {
    Instant now = clock.instant();
    // Decoding and checking 10,000 events takes tens of milliseconds: not on the event loop.
    vertx.executeBlocking(() -> events.read(ctx.body().buffer(), now), false).onComplete(read -> {
      if (read.failed()) {
        if (read.cause() instanceof SurveyEvents.Invalid bad) {
          JsonObject error = new JsonObject().put("error", bad.getMessage());
          if (bad.index >= 0) {
            error.put("index", bad.index);
          }
          if (!bad.field.isEmpty()) {
            error.put("field", bad.field);
          }
          Responses.json(ctx, 400, error);
        } else {
          Responses.error(ctx, 400, "the body could not be read");
        }
        return;
      }
      List<SurveyJob> jobs = read.result();
      surveys.acceptAll(jobs).onComplete(ar -> {
        if (ar.failed()) {
          LOG.warn("survey dispatch of {} events could not be stored: {}", jobs.size(), ar.cause().toString());
          Responses.error(ctx, 503, "store unavailable; retry (events already accepted are not sent twice)");
          return;
        }
        int accepted = ar.result();
        LOG.info("survey dispatch: {} events, {} new, {} duplicates", jobs.size(), accepted, jobs.size() - accepted);
        Responses.json(ctx, 200, new JsonObject().put("accepted", accepted).put("duplicates", jobs.size() - accepted));
      });
    });
  }

  private void responses(RoutingContext ctx) {
    Optional<SurveyResponseQuery> period = query(ctx);
    if (period.isEmpty()) {
      return;
    }
    String format = param(ctx, "format").orElse("json");
    if (!format.equals("json") && !format.equals("csv")) {
      Responses.error(ctx, 400, "format must be json or csv");
      return;
    }
    int limit;
    try {
      limit = Integer.parseInt(param(ctx, "limit").orElse("10000"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_RESPONSES) {
      Responses.error(ctx, 400, "limit must be a whole number from 1 to " + MAX_RESPONSES);
      return;
    }
    SurveyResponseQuery query = period.get();
    surveys.responses(query, limit).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("survey responses could not be read: {}", PersonalData.mask(ar.cause().toString()));
        Responses.error(ctx, 503, "store unavailable");
      } else if (format.equals("csv")) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
          ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
              .putHeader("Content-Disposition", "attachment; filename=\"survey-responses.csv\"")
              .end(SurveyCsv.write(ar.result()));
        }
      } else {
        JsonArray items = new JsonArray();
        ar.result().forEach(r -> items.add(json(r)));
        Responses.json(ctx, 200, new JsonObject().put("items", items));
      }
    });
  }

  /**
   * CSAT and NPS of the responses started in the period ({@code survey}, {@code from}, {@code to},
   * {@code dealer} as for the list): {@code {responses, csat, nps, bySurvey: {id: {...}}}}, with the answer
   * counts behind each figure. Refused, rather than computed on a part, when the period holds more than
   * {@link #MAX_RESPONSES}.
   */
  private void summary(RoutingContext ctx) {
    Optional<SurveyResponseQuery> query = query(ctx);
    if (query.isEmpty()) {
      return;
    }
    surveys.responses(query.get(), MAX_RESPONSES + 1).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("survey responses could not be read: {}", PersonalData.mask(ar.cause().toString()));
        Responses.error(ctx, 503, "store unavailable");
      } else if (ar.result().size() > MAX_RESPONSES) {
        Responses.error(ctx, 400, "more than " + MAX_RESPONSES + " responses match: narrow from/to, survey or dealer");
      } else {
        SurveyResults.Summary summary = SurveyResults.of(ar.result(), catalog::find);
        JsonObject bySurvey = new JsonObject();
        summary.bySurvey().forEach((id, score) -> bySurvey.put(id, json(score)));
        Responses.json(ctx, 200, json(summary.all()).put("bySurvey", bySurvey));
      }
    });
  }

  static JsonObject json(SurveyResults.Score score) {
    return new JsonObject().put("responses", score.responses())
        .put("csat", score.csat().map(c -> Math.round(c * 10_000) / 10_000.0).orElse(null))
        .put("nps", score.nps().map(n -> Math.round(n * 10) / 10.0).orElse(null))
        .put("scaleAnswers", score.scaleAnswers()).put("satisfied", score.satisfied())
        .put("npsAnswers", score.npsAnswers()).put("promoters", score.promoters())
        .put("detractors", score.detractors());
  }

  /**
   * The criteria shared by the list and the summary; on a bad {@code from}/{@code to} the 400 is sent and
   * empty returned.
   */
  private static Optional<SurveyResponseQuery> query(RoutingContext ctx) {
    Optional<Instant> from;
    Optional<Instant> to;
    try {
      from = param(ctx, "from").map(raw -> time(raw, false));
    } catch (DateTimeParseException e) {
      Responses.error(ctx, 400, "from must be a date (2026-12-01, China time) or an ISO-8601 time with its offset");
      return Optional.empty();
    }
    try {
      to = param(ctx, "to").map(raw -> time(raw, true));
    } catch (DateTimeParseException e) {
      Responses.error(ctx, 400, "to must be a date (2026-12-31, included, China time) or an ISO-8601 time with its offset");
      return Optional.empty();
    }
    return Optional.of(new SurveyResponseQuery(param(ctx, "orderNo"), param(ctx, "survey"), from, to,
        param(ctx, "dealer")));
  }

  /** A response without the homeowner's phone, OpenID or name: what the analysis needs, no more. */
  static JsonObject json(SurveyResponse r) {
    JsonArray answers = new JsonArray();
    for (SurveyAnswer a : r.answers()) {
      answers.add(new JsonObject().put("questionId", a.questionId()).put("score", a.score().orElse(null))
          .put("value", a.value()).put("answeredAt", a.answeredAt().toString()));
    }
    SurveyJob j = r.job();
    return new JsonObject().put("eventId", j.eventId()).put("survey", j.survey()).put("orderNo", j.orderNo())
        .put("dealer", j.dealer().orElse(null)).put("installer", j.installer().orElse(null))
        .put("serviceAt", j.serviceAt().toString()).put("channel", r.channel())
        .put("startedAt", r.startedAt().toString()).put("completedAt", r.completedAt().map(Instant::toString).orElse(null))
        .put("answers", answers);
  }

  /** A day in China time (its start; for {@code to} the next day's start, so the day is included) or a full time. */
  private static Instant time(String raw, boolean endOfDay) {
    if (raw.length() == 10) {
      LocalDate day = LocalDate.parse(raw);
      return (endOfDay ? day.plusDays(1) : day).atStartOfDay(CHINA).toInstant();
    }
    Instant at = OffsetDateTime.parse(raw).toInstant();
    // The stores compare epoch milliseconds; a year like +999999999 has none (it was a 503 "store unavailable").
    if (at.isBefore(SurveyEvents.EARLIEST) || at.isAfter(SurveyEvents.LATEST)) {
      throw new DateTimeParseException("out of range", raw, 0);
    }
    return at;
  }

  private static Optional<String> param(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
