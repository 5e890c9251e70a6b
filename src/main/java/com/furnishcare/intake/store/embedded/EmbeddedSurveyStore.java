package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyCodes;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyResponseQuery;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.report.ReportDelta;
import com.furnishcare.intake.report.SurveyFigures;
import com.furnishcare.intake.store.StoredSurveys;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SurveyStore} in the embedded SQLite file. Everything runs on the store's one thread, so a claim
 * (select the due jobs, push their due time past the lease) cannot interleave with another.
 */
public final class EmbeddedSurveyStore implements SurveyStore {

  private static final int CODE_ATTEMPTS = 10;

  private final SqliteDatabase db;
  private final SurveyCodes codes;
  private final boolean reportFigures;

  public EmbeddedSurveyStore(SqliteDatabase db, SurveyCodes codes) {
    this(db, codes, true);
  }

  /** @param reportFigures whether sends and answers keep the report aggregates current (in their transaction) */
  public EmbeddedSurveyStore(SqliteDatabase db, SurveyCodes codes, boolean reportFigures) {
    this.db = db;
    this.codes = codes;
    this.reportFigures = reportFigures;
  }

  /** Forgets codes that expired more than a day ago (until then an old link is "expired", not "unknown"). */
  public Future<Void> purgeExpired(Instant now) {
    return db.call(conn -> {
      try (PreparedStatement d = conn.prepareStatement("DELETE FROM survey_codes WHERE expires_at < ?")) {
        d.setLong(1, now.minus(Duration.ofDays(1)).toEpochMilli());
        d.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> accept(SurveyJob job) {
    return acceptAll(List.of(job)).map(n -> n == 1);
  }

  @Override
  public Future<Integer> acceptAll(List<SurveyJob> jobs) {
    List<SurveyJob> copy = List.copyOf(jobs);
    return db.transaction(conn -> {
      int added = 0;
      try (PreparedStatement i = conn.prepareStatement(
          "INSERT OR IGNORE INTO survey_jobs (id, body, due_at) VALUES (?, ?, ?)")) {
        for (SurveyJob job : copy) {
          i.setString(1, job.id());
          i.setString(2, StoredSurveys.job(job));
          i.setLong(3, job.dueAt().toEpochMilli());
          added += i.executeUpdate();
        }
      }
      return added;
    });
  }

  @Override
  public Future<Optional<SurveyJob>> job(String jobId) {
    return db.call(conn -> findJob(conn, jobId));
  }

  @Override
  public Future<List<SurveyJob>> claimDue(Instant now, int limit, Duration lease) {
    return db.transaction(conn -> {
      List<SurveyJob> due = new ArrayList<>();
      try (PreparedStatement q = conn.prepareStatement("SELECT body, due_at FROM survey_jobs WHERE finished = 0"
          + " AND due_at <= ? ORDER BY due_at LIMIT ?")) {
        q.setLong(1, now.toEpochMilli());
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            due.add(StoredSurveys.job(rs.getString(1), rs.getLong(2)));
          }
        }
      }
      long leasedUntil = now.plus(lease).toEpochMilli();
      try (PreparedStatement u = conn.prepareStatement("UPDATE survey_jobs SET due_at = ? WHERE id = ?")) {
        for (SurveyJob job : due) {
          u.setLong(1, leasedUntil);
          u.setString(2, job.id());
          u.addBatch();
        }
        u.executeBatch();
      }
      return due;
    });
  }

  @Override
  public Future<Void> postpone(String jobId, Instant dueAt) {
    return db.call(conn -> {
      try (PreparedStatement u = conn.prepareStatement(
          "UPDATE survey_jobs SET due_at = ? WHERE id = ? AND finished = 0")) {
        u.setLong(1, dueAt.toEpochMilli());
        u.setString(2, jobId);
        u.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Void> finish(String jobId, SurveyOutcome outcome, Instant at) {
    return db.transaction(conn -> {
      int finished;
      try (PreparedStatement u = conn.prepareStatement("UPDATE survey_jobs SET finished = 1, outcome = ?,"
          + " finished_at = ? WHERE id = ? AND finished = 0")) {
        u.setString(1, StoredSurveys.outcome(outcome, at));
        u.setLong(2, at.toEpochMilli());
        u.setString(3, jobId);
        finished = u.executeUpdate();
      }
      if (finished == 1 && outcome.sent() && reportFigures) {
        Optional<SurveyJob> job = findJob(conn, jobId);
        if (job.isPresent()) {
          EmbeddedReports.apply(conn, new ReportDelta().add(SurveyFigures.sent(job.get(), at), 1));
        }
      }
      Optional<String> phone = finished == 1 && sentBySms(outcome)
          ? findJob(conn, jobId).flatMap(SurveyJob::phone) : Optional.empty();
      if (phone.isPresent()) {
        try (PreparedStatement u = conn.prepareStatement("INSERT INTO survey_sms_sent (phone, job_id, at)"
            + " VALUES (?, ?, ?) ON CONFLICT (phone) DO UPDATE SET job_id = excluded.job_id, at = excluded.at"
            + " WHERE excluded.at >= survey_sms_sent.at")) {
          u.setString(1, phone.get());
          u.setString(2, jobId);
          u.setLong(3, at.toEpochMilli());
          u.executeUpdate();
        }
      }
      return null;
    });
  }

  static boolean sentBySms(SurveyOutcome outcome) {
    return outcome.sent() && outcome.channel().filter("sms"::equals).isPresent();
  }

  @Override
  public Future<Optional<SurveyJob>> lastSentBySms(String phone, Instant since) {
    return db.call(conn -> {
      try (PreparedStatement q = conn.prepareStatement(
          "SELECT job_id FROM survey_sms_sent WHERE phone = ? AND at >= ?")) {
        q.setString(1, phone);
        q.setLong(2, since.toEpochMilli());
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? findJob(conn, rs.getString(1)) : Optional.<SurveyJob>empty();
        }
      }
    });
  }

  @Override
  public Future<Optional<SurveyOutcome>> outcome(String jobId) {
    return db.call(conn -> {
      try (PreparedStatement q = conn.prepareStatement("SELECT outcome FROM survey_jobs WHERE id = ? AND finished = 1")) {
        q.setString(1, jobId);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? Optional.of(StoredSurveys.outcome(rs.getString(1))) : Optional.<SurveyOutcome>empty();
        }
      }
    });
  }

  @Override
  public Future<Void> optOut(String contact, Instant at) {
    return db.call(conn -> {
      try (PreparedStatement i = conn.prepareStatement("INSERT OR IGNORE INTO survey_optouts (contact, at) VALUES (?, ?)")) {
        i.setString(1, contact);
        i.setLong(2, at.toEpochMilli());
        i.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Boolean> optedOut(String contact) {
    return db.call(conn -> {
      try (PreparedStatement q = conn.prepareStatement("SELECT 1 FROM survey_optouts WHERE contact = ?")) {
        q.setString(1, contact);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public Future<Boolean> reserveContacts(List<String> contacts, Instant at, Duration period) {
    List<String> copy = List.copyOf(contacts);
    return db.transaction(conn -> {
      Optional<Instant> last = last(conn, copy);
      if (last.isPresent() && last.get().isAfter(at.minus(period))) {
        return false;
      }
      try (PreparedStatement u = conn.prepareStatement(
          "INSERT INTO survey_contacts (contact, last_at) VALUES (?, ?) ON CONFLICT (contact) DO UPDATE SET last_at = excluded.last_at")) {
        for (String contact : copy) {
          u.setString(1, contact);
          u.setLong(2, at.toEpochMilli());
          u.executeUpdate();
        }
      }
      return true;
    });
  }

  @Override
  public Future<Void> releaseContacts(List<String> contacts, Instant at) {
    List<String> copy = List.copyOf(contacts);
    return db.call(conn -> {
      try (PreparedStatement d = conn.prepareStatement("DELETE FROM survey_contacts WHERE contact = ? AND last_at = ?")) {
        for (String contact : copy) {
          d.setString(1, contact);
          d.setLong(2, at.toEpochMilli());
          d.executeUpdate();
        }
      }
      return null;
    });
  }

  @Override
  public Future<Optional<Instant>> lastSurveyed(List<String> contacts) {
    List<String> copy = List.copyOf(contacts);
    return db.call(conn -> last(conn, copy));
  }

  private static Optional<Instant> last(Connection conn, List<String> contacts) throws SQLException {
    Optional<Instant> latest = Optional.empty();
    try (PreparedStatement q = conn.prepareStatement("SELECT last_at FROM survey_contacts WHERE contact = ?")) {
      for (String contact : contacts) {
        q.setString(1, contact);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            Instant at = Instant.ofEpochMilli(rs.getLong(1));
            if (latest.isEmpty() || at.isAfter(latest.get())) {
              latest = Optional.of(at);
            }
          }
        }
      }
    }
    return latest;
  }

  @Override
  public Future<String> issueCode(String jobId, Instant expiresAt) {
    return db.call(conn -> {
      try (PreparedStatement i = conn.prepareStatement(
          "INSERT OR IGNORE INTO survey_codes (code, job_id, expires_at) VALUES (?, ?, ?)")) {
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
          String code = codes.next();
          i.setString(1, code);
          i.setString(2, jobId);
          i.setLong(3, expiresAt.toEpochMilli());
          if (i.executeUpdate() == 1) {
            return code;
          }
        }
      }
      throw new SQLException("no free survey code after " + CODE_ATTEMPTS + " attempts");
    });
  }

  @Override
  public Future<Optional<SurveyJob>> byCode(String code, Instant now) {
    Optional<String> normal = SurveyCodes.normalise(code);
    if (normal.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.call(conn -> {
      String jobId;
      try (PreparedStatement q = conn.prepareStatement("SELECT job_id FROM survey_codes WHERE code = ? AND expires_at > ?")) {
        q.setString(1, normal.get());
        q.setLong(2, now.toEpochMilli());
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            return Optional.<SurveyJob>empty();
          }
          jobId = rs.getString(1);
        }
      }
      return findJob(conn, jobId);
    });
  }

  @Override
  public Future<Boolean> saveAnswer(String jobId, String channel, SurveyAnswer answer) {
    return db.transaction(conn -> {
      Optional<SurveyJob> job = findJob(conn, jobId);
      if (job.isEmpty()) {
        return false;
      }
      Optional<Instant> started = Optional.empty();
      try (PreparedStatement q = conn.prepareStatement(
          "SELECT completed_at, started_at FROM survey_responses WHERE job_id = ?")) {
        q.setString(1, jobId);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            if (rs.getObject(1) != null) {
              return false;
            }
            started = Optional.of(Instant.ofEpochMilli(rs.getLong(2)));
          }
        }
      }
      if (reportFigures) {
        // The figures: a new response counts once; an answer given again replaces the earlier one's score.
        ReportDelta delta = new ReportDelta();
        Instant day = started.orElse(answer.answeredAt());
        if (started.isEmpty()) {
          delta.add(SurveyFigures.responseStarted(job.get(), day), 1);
        }
        try (PreparedStatement q = conn.prepareStatement(
            "SELECT body FROM survey_answers WHERE job_id = ? AND question_id = ?")) {
          q.setString(1, jobId);
          q.setString(2, answer.questionId());
          try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
              delta.add(SurveyFigures.answer(job.get(), day, StoredSurveys.answer(rs.getString(1))), -1);
            }
          }
        }
        delta.add(SurveyFigures.answer(job.get(), day, answer), 1);
        EmbeddedReports.apply(conn, delta);
      }
      try (PreparedStatement i = conn.prepareStatement(
          "INSERT OR IGNORE INTO survey_responses (job_id, channel, started_at) VALUES (?, ?, ?)")) {
        i.setString(1, jobId);
        i.setString(2, channel);
        i.setLong(3, answer.answeredAt().toEpochMilli());
        i.executeUpdate();
      }
      // A question answered again keeps its place (seq) and takes the new answer.
      try (PreparedStatement u = conn.prepareStatement("INSERT INTO survey_answers (job_id, question_id, seq, body)"
          + " VALUES (?, ?, (SELECT COUNT(*) FROM survey_answers WHERE job_id = ?), ?)"
          + " ON CONFLICT (job_id, question_id) DO UPDATE SET body = excluded.body")) {
        u.setString(1, jobId);
        u.setString(2, answer.questionId());
        u.setString(3, jobId);
        u.setString(4, StoredSurveys.answer(answer));
        u.executeUpdate();
      }
      return true;
    });
  }

  @Override
  public Future<Boolean> complete(String jobId, Instant at) {
    return db.call(conn -> {
      try (PreparedStatement u = conn.prepareStatement(
          "UPDATE survey_responses SET completed_at = ? WHERE job_id = ? AND completed_at IS NULL")) {
        u.setLong(1, at.toEpochMilli());
        u.setString(2, jobId);
        return u.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Future<Optional<SurveyResponse>> response(String jobId) {
    return db.call(conn -> {
      try (PreparedStatement q = conn.prepareStatement(
          "SELECT job_id, channel, started_at, completed_at FROM survey_responses WHERE job_id = ?")) {
        q.setString(1, jobId);
        try (ResultSet rs = q.executeQuery()) {
          return rs.next() ? readResponse(conn, rs) : Optional.<SurveyResponse>empty();
        }
      }
    });
  }

  @Override
  public Future<List<SurveyResponse>> responses(SurveyResponseQuery query, int limit) {
    return db.call(conn -> {
      List<SurveyResponse> found = new ArrayList<>();
      try (PreparedStatement q = conn.prepareStatement("SELECT job_id, channel, started_at, completed_at"
          + " FROM survey_responses WHERE started_at >= ? AND started_at < ? ORDER BY started_at, job_id")) {
        q.setLong(1, query.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
        q.setLong(2, query.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE));
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next() && found.size() < limit) {
            readResponse(conn, rs).filter(query::matches).ifPresent(found::add);
          }
        }
      }
      return found;
    });
  }

  /** The response of one job, read in the caller's connection (the report recount pages through them). */
  static Optional<SurveyResponse> readResponse(Connection conn, String jobId) throws SQLException {
    try (PreparedStatement q = conn.prepareStatement(
        "SELECT job_id, channel, started_at, completed_at FROM survey_responses WHERE job_id = ?")) {
      q.setString(1, jobId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? readResponse(conn, rs) : Optional.empty();
      }
    }
  }

  private static Optional<SurveyResponse> readResponse(Connection conn, ResultSet rs) throws SQLException {
    String jobId = rs.getString(1);
    Optional<SurveyJob> job = findJob(conn, jobId);
    if (job.isEmpty()) {
      return Optional.empty();
    }
    List<SurveyAnswer> answers = new ArrayList<>();
    try (PreparedStatement q = conn.prepareStatement("SELECT body FROM survey_answers WHERE job_id = ? ORDER BY seq")) {
      q.setString(1, jobId);
      try (ResultSet a = q.executeQuery()) {
        while (a.next()) {
          answers.add(StoredSurveys.answer(a.getString(1)));
        }
      }
    }
    return Optional.of(new SurveyResponse(job.get(), answers, rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
        rs.getObject(4) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(4)))));
  }

  private static Optional<SurveyJob> findJob(Connection conn, String jobId) throws SQLException {
    try (PreparedStatement q = conn.prepareStatement("SELECT body, due_at FROM survey_jobs WHERE id = ?")) {
      q.setString(1, jobId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(StoredSurveys.job(rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }
}
