package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentPrincipal;
import com.furnishcare.intake.report.ReportFilter;
import com.furnishcare.intake.report.ReportService;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /api/reports}: the report figures as JSON for the dashboard page and other systems. On a sub-router
 * of its own (mounted before the admin sub-router at {@code /api}) whose first handler lets in either the
 * admin token (a request that sends an Authorization header is judged by it alone) or a console session.
 * Headquarters agents and supervisors see every dealer; dealer staff only their own dealer, whatever they ask
 * (naming another dealer is refused with 403).
 *
 * <ul>
 *   <li>{@code GET /api/reports/summary?from=YYYY-MM-DD&to=YYYY-MM-DD[&dealer=]}
 *   <li>{@code GET /api/reports/dashboard?from=&to=[&dealer=][&region=][&category=][&channel=]}
 * </ul>
 */
final class ReportRoutes {

  /** Where the route learns that the admin token (not a console session) let the request in. */
  private static final String ADMIN = "reportsAdmin";

  private final ReportService reports;

  ReportRoutes(ReportService reports) {
    this.reports = reports;
  }

  /** The sub-router's gate: the admin token when the request carries an Authorization header, else a session. */
  static Handler<RoutingContext> gate(AdminAuth admin, AgentAuth console) {
    return ctx -> {
      if (ctx.request().getHeader("Authorization") != null) {
        ctx.put(ADMIN, Boolean.TRUE);
        admin.handle(ctx);
      } else {
        console.handle(ctx);
      }
    };
  }

  void mount(Router router) {
    router.get("/summary").handler(ctx -> answer(ctx, reports::summary));
    router.get("/dashboard").handler(ctx -> answer(ctx, reports::dashboard));
  }

  private void answer(RoutingContext ctx, Function<ReportFilter, io.vertx.core.Future<JsonObject>> figures) {
    Optional<ReportFilter> parsed = filter(ctx);
    if (parsed.isEmpty()) {
      return;
    }
    ReportFilter filter = parsed.get();
    Optional<String> scopedTo = Optional.empty();
    if (!Boolean.TRUE.equals(ctx.get(ADMIN))) {
      AgentPrincipal who = AgentPrincipal.of(ctx);
      if (who.dealer().isPresent()) {
        String own = who.dealer().get();
        if (filter.dealer().filter(d -> !d.equals(own)).isPresent()) {
          Responses.error(ctx, 403, "只能查看本经销商的报表 / dealer staff see only their own dealer's figures");
          return;
        }
        filter = filter.withDealer(own);
        scopedTo = Optional.of(own);
      }
    }
    Optional<String> ownDealer = scopedTo;
    figures.apply(filter).onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().putHeader("Cache-Control", "no-store");
        Responses.json(ctx, 200, ownDealer.map(own -> onlyOwnDealerNamed(done.result(), own)).orElse(done.result()));
      } else {
        ctx.fail(done.cause());
      }
    });
  }

  /**
   * Dealer staff see no other dealer: the figures are already theirs alone, and the dealer names that label
   * them (all of the directory, for headquarters' dealer choice) are cut down to their own.
   */
  static JsonObject onlyOwnDealerNamed(JsonObject figures, String own) {
    JsonObject labels = figures.getJsonObject("labels");
    JsonObject dealers = labels == null ? null : labels.getJsonObject("dealers");
    if (dealers != null) {
      JsonObject mine = new JsonObject();
      if (dealers.containsKey(own)) {
        mine.put(own, dealers.getValue(own));
      }
      labels.put("dealers", mine);
    }
    return figures;
  }

  private static Optional<ReportFilter> filter(RoutingContext ctx) {
    Optional<LocalDate> from = date(ctx.request().getParam("from"));
    Optional<LocalDate> to = date(ctx.request().getParam("to"));
    if (from.isEmpty() || to.isEmpty()) {
      Responses.error(ctx, 400, "请用 from=YYYY-MM-DD&to=YYYY-MM-DD 指定日期范围 / give the dates as from=YYYY-MM-DD"
          + "&to=YYYY-MM-DD");
      return Optional.empty();
    }
    if (to.get().isBefore(from.get())) {
      Responses.error(ctx, 400, "结束日期早于开始日期 / to is before from");
      return Optional.empty();
    }
    if (ChronoUnit.DAYS.between(from.get(), to.get()) + 1 > ReportFilter.MAX_DAYS) {
      Responses.error(ctx, 400, "日期范围最长 " + ReportFilter.MAX_DAYS + " 天 / a range covers at most "
          + ReportFilter.MAX_DAYS + " days");
      return Optional.empty();
    }
    return Optional.of(new ReportFilter(from.get(), to.get(), param(ctx, "dealer"), param(ctx, "region"),
        param(ctx, "category"), param(ctx, "channel")));
  }

  private static Optional<String> param(RoutingContext ctx, String name) {
    String value = ctx.request().getParam(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<LocalDate> date(String raw) {
    if (raw == null || !raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(raw));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
