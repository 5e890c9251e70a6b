package com.furnishcare.intake.report;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The aggregates computed from scratch: every ticket (with the store's re-complaint fact), every survey sent
 * and every response, through the same pure contributions the stores apply as things change. Equal to the
 * stored cells whenever the incremental upkeep is right (the contract tests check it after random mixes of
 * writes); also the way to rebuild the cells of a data set written before the reports existed.
 */
public final class ReportRecount {

  private static final int PAGE = 500;

  private ReportRecount() {}

  public static Future<Map<CellKey, Counters>> recount(ReportStore store) {
    ReportDelta total = new ReportDelta();
    return pages(store::tickets, "", page -> page.forEach(f -> total.add(TicketFigures.of(f.ticket(), f.recomplaint()), 1)))
        .compose(v -> pages(store::sentSurveys, "", page -> page.forEach(s -> total.add(SurveyFigures.sent(s.job(), s.at()), 1))))
        .compose(v -> pages(store::responses, "", page -> page.forEach(r -> add(total, r))))
        .map(v -> total.cells());
  }

  public static void add(ReportDelta total, SurveyResponse r) {
    total.add(SurveyFigures.responseStarted(r.job(), r.startedAt()), 1);
    for (SurveyAnswer a : r.answers()) {
      total.add(SurveyFigures.answer(r.job(), r.startedAt(), a), 1);
    }
  }

  /** Page after page, each read from the previous one's callback (no chain of nested futures to unwind). */
  static <T> Future<Void> pages(BiFunction<String, Integer, Future<ReportStore.Page<T>>> read, String cursor,
      Consumer<List<T>> each) {
    Promise<Void> done = Promise.promise();
    page(read, cursor, each, done);
    return done.future();
  }

  private static <T> void page(BiFunction<String, Integer, Future<ReportStore.Page<T>>> read, String cursor,
      Consumer<List<T>> each, Promise<Void> done) {
    read.apply(cursor, PAGE).onComplete(got -> {
      if (got.failed()) {
        done.fail(got.cause());
        return;
      }
      each.accept(got.result().items());
      if (got.result().next().isEmpty()) {
        done.complete();
      } else {
        page(read, got.result().next().get(), each, done);
      }
    });
  }
}
