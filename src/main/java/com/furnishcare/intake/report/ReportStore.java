package com.furnishcare.intake.report;

import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.Ticket;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The aggregates the stores keep current (in the same transaction or script as the ticket or survey write
 * that changes them) and what a full recount reads. Every write that changes a day's cells also bumps that
 * day's version, so a reader that cached a day knows whether it is still current with one small read.
 */
public interface ReportStore {

  /** The version of every day in [from, to] that has ever had a cell (a day never written is absent). */
  Future<Map<LocalDate, Long>> versions(LocalDate from, LocalDate to);

  /** The cells of these days as they are now, each day with its version read together with its cells. */
  Future<Map<LocalDate, Day>> days(List<LocalDate> days);

  /** Every cell (tests compare it with a recount; the bench counts them). */
  Future<Map<CellKey, Counters>> allCells();

  /** Rows or keys and bytes the aggregates take. */
  Future<Footprint> footprint();

  /** A page of tickets with the store's re-complaint fact, for a recount; {@code cursor} "" starts. */
  Future<Page<FiledTicket>> tickets(String cursor, int limit);

  /** A page of jobs that finished as sent, with when. */
  Future<Page<SentSurvey>> sentSurveys(String cursor, int limit);

  /** A page of survey responses. */
  Future<Page<SurveyResponse>> responses(String cursor, int limit);

  /**
   * Writes surveys that were sent and (when {@code response} is present) answered, as one batch, with their
   * figures, in one transaction or script: the synthetic-data generator's way to write two million responses
   * in minutes instead of one store call per answer. Fails, writing nothing, if any of the jobs exists.
   */
  Future<Void> importSurveys(List<ImportedSurvey> surveys);

  /**
   * Records re-complaint facts (ticket id → the earlier ticket's id) for tickets that have none yet; a fact
   * already stored is kept. For a rebuild of the figures of tickets filed before the reports existed (the
   * store decided none for them). Answers how many were added.
   */
  Future<Integer> recordRecomplaints(Map<String, String> earlierOf);

  /**
   * Replaces every cell with {@code byDay} (day → dims → counts) and bumps the version of every day that had
   * cells or has them now, so a cached day is read again. Embedded: one transaction. Redis: the new day hashes
   * are written under temporary keys, then renamed over the old ones (a day left without cells deleted) a page
   * of days per script, each day switching in one step with its version. Not meant to run beside ticket and
   * survey writes: a write between the recount and the swap is lost from the figures (run it with the
   * gateway stopped).
   */
  Future<Rebuilt> replaceCells(SortedMap<LocalDate, Map<String, Counters>> byDay);

  /** Cells written, days that have cells now, days whose version was bumped (also those left empty). */
  record Rebuilt(long cells, long days, long touchedDays) {}

  /** A survey sent on {@code channel} at {@code sentAt}, maybe answered. */
  record ImportedSurvey(SurveyJob job, Instant sentAt, String channel, Optional<SurveyResponse> response) {}

  record Day(long version, Map<String, Counters> cells) {}

  record Footprint(long cells, long rowsOrKeys, long bytes) {}

  record FiledTicket(Ticket ticket, boolean recomplaint) {}

  record SentSurvey(SurveyJob job, Instant at) {}

  /** {@code next} empty on the last page. */
  record Page<T>(List<T> items, Optional<String> next) {}
}
