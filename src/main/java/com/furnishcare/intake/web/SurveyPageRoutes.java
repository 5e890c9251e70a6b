package com.furnishcare.intake.web;

import com.furnishcare.intake.core.SurveyCodes;
import com.furnishcare.intake.survey.model.Question;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mobile survey page, public on the root router; the code in the address is the credential.
 *
 * <ul>
 *   <li>{@code GET /s/{code}}: the page (its words come from the survey file, its few own words from the
 *       HTML in {@code webroot/survey}); an unknown, expired or malformed code gets the same 404 page, which
 *       says the link has expired.
 *   <li>{@code GET /s/{code}/survey}: the survey as JSON with the answers kept so far.
 *   <li>{@code POST /s/{code}/answers} {@code {questionId, value}}: keeps one answer (400 if the question
 *       does not take it, 409 once submitted); {@code {saved, followUp}} when it filed the follow-up, whose
 *       words (the survey's {@code lowScoreReply}) the page shows at once, and again on reload.
 *   <li>{@code POST /s/{code}/submit}: completes the response (409 the second time).
 * </ul>
 *
 * <p>Codes cannot be guessed: every request is limited per address like the chat API, and each wrong code
 * counts against {@link SurveyPage#WRONG_CODES_PER_HOUR} per address; past it, every code (right or wrong)
 * answers 429 without being looked up, so the answers tell nothing. The POSTs take JSON only, from the
 * gateway's own pages.
 */
final class SurveyPageRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(SurveyPageRoutes.class);
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
      + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  static final int BODY_LIMIT = 16 * 1024;

  private final JarAsset page = JarAsset.load("webroot/survey/index.html", "text/html; charset=utf-8");
  private final JarAsset expired = JarAsset.load("webroot/survey/expired.html", "text/html; charset=utf-8");
  private final JarAsset script = JarAsset.load("webroot/survey/survey.js", "text/javascript; charset=utf-8");
  private final JarAsset style = JarAsset.load("webroot/survey/survey.css", "text/css; charset=utf-8");
  private final SurveyPage surveys;
  private final PublicLimits limits;

  SurveyPageRoutes(SurveyPage surveys, PublicLimits limits) {
    this.surveys = surveys;
    this.limits = limits;
  }

  void mount(Router router) {
    router.get("/survey/survey.js").handler(script::serve);
    router.get("/survey/survey.css").handler(style::serve);
    var perAddress = PublicGuards.perAddress(limits.clients(), limits.perAddress());
    router.get("/s/:code").handler(perAddress).handler(ctx -> withCode(ctx, true, opened -> {
      pageHeaders(ctx);
      page.serve(ctx);
      return Future.succeededFuture();
    }));
    router.get("/s/:code/survey").handler(perAddress).handler(ctx -> withCode(ctx, false, opened -> {
      Responses.json(ctx, 200, describe(opened));
      return Future.succeededFuture();
    }));
    var body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
    router.post("/s/:code/answers").handler(perAddress).handler(PublicGuards.sameOriginOnly())
        .handler(PublicGuards.requireJson()).handler(body).handler(ctx -> {
          JsonObject answer;
          try {
            answer = ctx.body().asJsonObject();
          } catch (DecodeException | ClassCastException e) {
            answer = null;
          }
          if (answer == null || !(answer.getValue("questionId") instanceof String)) {
            Responses.error(ctx, 400, "send {\"questionId\": \"...\", \"value\": ...}");
            return;
          }
          JsonObject given = answer;
          withCode(ctx, false, opened -> surveys.answer(opened, given.getString("questionId"), given.getValue("value"))
              .map(filed -> {
                JsonObject saved = new JsonObject().put("saved", true);
                if (filed) {
                  // Said at once: a person may call before the homeowner submits, and outside WeChat's
                  // 48 hours the chat cannot tell them.
                  saved.put("followUp", opened.survey().lowScoreReply());
                }
                Responses.json(ctx, 200, saved);
                return null;
              }));
        });
    router.post("/s/:code/submit").handler(perAddress).handler(PublicGuards.sameOriginOnly())
        .handler(PublicGuards.requireJson()).handler(body).handler(ctx -> withCode(ctx, false,
            opened -> surveys.submit(opened).compose(first -> surveys.open(code(ctx))
                .map(now -> {
                  String closing = surveys.closing(now.orElse(opened));
                  Responses.json(ctx, first ? 200 : 409, new JsonObject().put("completed", true).put("closing", closing));
                  return null;
                }))));
  }

  /**
   * Runs {@code then} for a live code. A malformed, unknown or expired code is a 404 (the page, or JSON)
   * and counts as a wrong code for the address; past the limit nothing is looked up.
   */
  private void withCode(RoutingContext ctx, boolean html, Function<SurveyPage.Opened, Future<?>> then) {
    String address = limits.clients().of(ctx);
    Optional<Duration> wait = surveys.wrongCodes.exhausted(address);
    if (wait.isPresent()) {
      Responses.tooManyRequests(ctx, wait.get());
      return;
    }
    Optional<String> code = SurveyCodes.normalise(ctx.pathParam("code"));
    Future<Optional<SurveyPage.Opened>> found = code.isEmpty() ? Future.succeededFuture(Optional.empty())
        : surveys.open(code.get());
    found.compose(opened -> {
      if (opened.isEmpty()) {
        surveys.wrongCodes.take(address);
        notFound(ctx, html);
        return Future.succeededFuture();
      }
      return then.apply(opened.get());
    }).onFailure(err -> {
      if (err instanceof SurveyPage.Refused refused) {
        Responses.error(ctx, refused.status, refused.getMessage());
        return;
      }
      LOG.warn("survey page request failed: {}", err.toString());
      Responses.error(ctx, 503, "temporarily unavailable; please try again");
    });
  }

  private static String code(RoutingContext ctx) {
    return SurveyCodes.normalise(ctx.pathParam("code")).orElse("");
  }

  private void notFound(RoutingContext ctx, boolean html) {
    if (!html) {
      Responses.error(ctx, 404, "this link has expired");
      return;
    }
    pageHeaders(ctx);
    ctx.response().setStatusCode(404).putHeader("Content-Type", expired.contentType()).end(expired.body());
  }

  private static void pageHeaders(RoutingContext ctx) {
    // The address holds the code: never sent on to anyone.
    ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("Referrer-Policy", "no-referrer");
  }

  /** The survey for the page: its words, questions with their skip logic, the answers kept, whether done. */
  private JsonObject describe(SurveyPage.Opened opened) {
    JsonArray questions = new JsonArray();
    for (Question q : opened.survey().questions()) {
      JsonObject question = new JsonObject().put("id", q.id()).put("type", q.type().wire()).put("text", q.text())
          .put("options", new JsonArray(q.options()));
      if (q.type().scored()) {
        question.put("min", q.type().min()).put("max", q.type().max());
      }
      q.askIf().ifPresent(c -> question.put("askIf", new JsonObject().put("question", c.question())
          .put("test", c.test().name().toLowerCase(Locale.ROOT)).put("number", c.number())
          .put("label", c.label())));
      questions.add(question);
    }
    JsonObject answers = new JsonObject();
    opened.answers().forEach((id, a) -> answers.put(id, SurveyPage.shown(a)));
    JsonObject survey = new JsonObject().put("title", opened.survey().title()).put("intro", opened.survey().intro())
        .put("questions", questions).put("answers", answers).put("completed", opened.completed());
    if (opened.completed()) {
      survey.put("closing", surveys.closing(opened));
    } else if (surveys.followedUp(opened)) {
      survey.put("followUp", opened.survey().lowScoreReply());
    }
    return survey;
  }
}
