package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.report.CellKey;
import com.furnishcare.intake.report.Counters;
import com.furnishcare.intake.report.ReportDelta;
import com.furnishcare.intake.report.ReportRecount;
import com.furnishcare.intake.report.ReportStore;
import com.furnishcare.intake.report.SurveyFigures;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.store.StoredForms;
import com.furnishcare.intake.store.StoredSurveys;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report aggregates in the embedded SQLite file: {@code report_cells} (day, dims → counts), one version
 * per day in {@code report_days}, the re-complaint facts in {@code report_recomplaints}. The static methods
 * run inside the transactions of {@link EmbeddedSessionStore#commitTurn} and {@link EmbeddedSurveyStore}, so
 * a write and its figures are committed together or not at all.
 */
public final class EmbeddedReports implements ReportStore {

  private final SqliteDatabase db;

  EmbeddedReports(SqliteDatabase db) {
    this.db = db;
  }

  /** Adds the delta to its cells (a cell that nets to nothing is deleted) and bumps each touched day. */
  static void apply(Connection c, ReportDelta delta) throws SQLException {
    if (delta.isEmpty()) {
      return;
    }
    TreeSet<LocalDate> days = new TreeSet<>();
    try (PreparedStatement read = c.prepareStatement("SELECT counts FROM report_cells WHERE day = ? AND dims = ?");
        PreparedStatement write = c.prepareStatement("INSERT INTO report_cells (day, dims, counts) VALUES (?, ?, ?)"
            + " ON CONFLICT (day, dims) DO UPDATE SET counts = excluded.counts");
        PreparedStatement delete = c.prepareStatement("DELETE FROM report_cells WHERE day = ? AND dims = ?")) {
      for (Map.Entry<CellKey, Counters> cell : delta.cells().entrySet()) {
        String day = cell.getKey().day().toString();
        read.setString(1, day);
        read.setString(2, cell.getKey().dims());
        Counters merged;
        try (ResultSet rs = read.executeQuery()) {
          merged = rs.next() ? Counters.decode(rs.getString(1)) : new Counters();
        }
        merged.addAll(cell.getValue(), 1);
        PreparedStatement s = merged.isEmpty() ? delete : write;
        s.setString(1, day);
        s.setString(2, cell.getKey().dims());
        if (!merged.isEmpty()) {
          s.setString(3, merged.encode());
        }
        s.executeUpdate();
        days.add(cell.getKey().day());
      }
    }
    try (PreparedStatement bump = c.prepareStatement("INSERT INTO report_days (day, version) VALUES (?, 1)"
        + " ON CONFLICT (day) DO UPDATE SET version = version + 1")) {
      for (LocalDate day : days) {
        bump.setString(1, day.toString());
        bump.executeUpdate();
      }
    }
  }

  /**
   * For a ticket about to be filed: the most recent earlier ticket (created before it, within the window)
   * of the same order number or phone; recorded as the ticket's re-complaint fact when found.
   */
  static boolean fileRecomplaint(Connection c, Ticket t) throws SQLException {
    long created = t.createdAt().toEpochMilli();
    long since = created - TicketFigures.RECOMPLAINT_WINDOW.toMillis();
    Optional<String> earlier = Optional.empty();
    for (String column : new String[] {"order_no", "phone"}) {
      String value = column.equals("order_no") ? t.orderNo() : t.phone();
      if (value.isEmpty() || earlier.isPresent()) {
        continue;
      }
      try (PreparedStatement q = c.prepareStatement("SELECT id FROM tickets WHERE " + column + " = ?"
          + " AND created_at >= ? AND created_at < ? AND id <> ? ORDER BY created_at DESC LIMIT 1")) {
        q.setString(1, value);
        q.setLong(2, since);
        q.setLong(3, created);
        q.setString(4, t.id());
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            earlier = Optional.of(rs.getString(1));
          }
        }
      }
    }
    if (earlier.isPresent()) {
      try (PreparedStatement i = c.prepareStatement(
          "INSERT OR REPLACE INTO report_recomplaints (ticket_id, earlier_id) VALUES (?, ?)")) {
        i.setString(1, t.id());
        i.setString(2, earlier.get());
        i.executeUpdate();
      }
    }
    return earlier.isPresent();
  }

  static boolean isRecomplaint(Connection c, String ticketId) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM report_recomplaints WHERE ticket_id = ?")) {
      q.setString(1, ticketId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    }
  }

  static Optional<Ticket> storedTicket(Connection c, String id) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT body FROM tickets WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(StoredForms.ticket(rs.getString(1))) : Optional.empty();
      }
    }
  }

  @Override
  public Future<Void> importSurveys(List<ImportedSurvey> surveys) {
    return db.transaction(c -> {
      ReportDelta figures = new ReportDelta();
      try (PreparedStatement job = c.prepareStatement("INSERT INTO survey_jobs (id, body, due_at, finished, outcome,"
          + " finished_at) VALUES (?, ?, ?, 1, ?, ?)");
          PreparedStatement response = c.prepareStatement("INSERT INTO survey_responses (job_id, channel, started_at,"
              + " completed_at) VALUES (?, ?, ?, ?)");
          PreparedStatement answer = c.prepareStatement("INSERT INTO survey_answers (job_id, question_id, seq, body)"
              + " VALUES (?, ?, ?, ?)")) {
        for (ImportedSurvey s : surveys) {
          job.setString(1, s.job().id());
          job.setString(2, StoredSurveys.job(s.job()));
          job.setLong(3, s.job().dueAt().toEpochMilli());
          job.setString(4, StoredSurveys.outcome(SurveyOutcome.sent(s.channel()), s.sentAt()));
          job.setLong(5, s.sentAt().toEpochMilli());
          job.executeUpdate();
          figures.add(SurveyFigures.sent(s.job(), s.sentAt()), 1);
          if (s.response().isPresent()) {
            SurveyResponse r = s.response().get();
            response.setString(1, s.job().id());
            response.setString(2, r.channel());
            response.setLong(3, r.startedAt().toEpochMilli());
            if (r.completedAt().isPresent()) {
              response.setLong(4, r.completedAt().get().toEpochMilli());
            } else {
              response.setNull(4, java.sql.Types.INTEGER);
            }
            response.executeUpdate();
            int seq = 0;
            for (SurveyAnswer a : r.answers()) {
              answer.setString(1, s.job().id());
              answer.setString(2, a.questionId());
              answer.setInt(3, seq++);
              answer.setString(4, StoredSurveys.answer(a));
              answer.executeUpdate();
            }
            ReportRecount.add(figures, r);
          }
        }
      }
      apply(c, figures);
      return null;
    });
  }

  @Override
  public Future<Integer> recordRecomplaints(Map<String, String> earlierOf) {
    if (earlierOf.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return db.transaction(c -> {
      int added = 0;
      try (PreparedStatement i = c.prepareStatement(
          "INSERT OR IGNORE INTO report_recomplaints (ticket_id, earlier_id) VALUES (?, ?)")) {
        for (Map.Entry<String, String> e : earlierOf.entrySet()) {
          i.setString(1, e.getKey());
          i.setString(2, e.getValue());
          added += i.executeUpdate();
        }
      }
      return added;
    });
  }

  /** One transaction on the store thread: a reader sees the old cells or the new ones, never a mix. */
  @Override
  public Future<Rebuilt> replaceCells(SortedMap<LocalDate, Map<String, Counters>> byDay) {
    return db.transaction(c -> {
      TreeSet<String> touched = new TreeSet<>();
      try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT day FROM report_cells");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          touched.add(rs.getString(1));
        }
      }
      try (PreparedStatement d = c.prepareStatement("DELETE FROM report_cells")) {
        d.executeUpdate();
      }
      long cells = 0;
      try (PreparedStatement i = c.prepareStatement("INSERT INTO report_cells (day, dims, counts) VALUES (?, ?, ?)")) {
        int batch = 0;
        for (Map.Entry<LocalDate, Map<String, Counters>> day : byDay.entrySet()) {
          String d = day.getKey().toString();
          for (Map.Entry<String, Counters> cell : day.getValue().entrySet()) {
            if (cell.getValue().isEmpty()) {
              continue;
            }
            i.setString(1, d);
            i.setString(2, cell.getKey());
            i.setString(3, cell.getValue().encode());
            i.addBatch();
            cells++;
            if (++batch == 1000) {
              i.executeBatch();
              batch = 0;
            }
          }
          touched.add(d);
        }
        if (batch > 0) {
          i.executeBatch();
        }
      }
      try (PreparedStatement bump = c.prepareStatement("INSERT INTO report_days (day, version) VALUES (?, 1)"
          + " ON CONFLICT (day) DO UPDATE SET version = version + 1")) {
        for (String day : touched) {
          bump.setString(1, day);
          bump.executeUpdate();
        }
      }
      return new Rebuilt(cells, byDay.values().stream().filter(m -> m.values().stream().anyMatch(x -> !x.isEmpty()))
          .count(), touched.size());
    });
  }

  @Override
  public Future<Map<LocalDate, Long>> versions(LocalDate from, LocalDate to) {
    return db.call(c -> {
      Map<LocalDate, Long> out = new TreeMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT day, version FROM report_days WHERE day >= ? AND day <= ?")) {
        q.setString(1, from.toString());
        q.setString(2, to.toString());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            out.put(LocalDate.parse(rs.getString(1)), rs.getLong(2));
          }
        }
      }
      return out;
    });
  }

  @Override
  public Future<Map<LocalDate, Day>> days(List<LocalDate> days) {
    // One store-thread task per call: the version and the cells of a day are read with no write between.
    return db.call(c -> {
      Map<LocalDate, Day> out = new TreeMap<>();
      try (PreparedStatement v = c.prepareStatement("SELECT version FROM report_days WHERE day = ?");
          PreparedStatement q = c.prepareStatement("SELECT dims, counts FROM report_cells WHERE day = ?")) {
        for (LocalDate day : days) {
          v.setString(1, day.toString());
          long version;
          try (ResultSet rs = v.executeQuery()) {
            version = rs.next() ? rs.getLong(1) : 0;
          }
          Map<String, Counters> cells = new HashMap<>();
          q.setString(1, day.toString());
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              cells.put(rs.getString(1), Counters.decode(rs.getString(2)));
            }
          }
          out.put(day, new Day(version, cells));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Map<CellKey, Counters>> allCells() {
    return db.call(c -> {
      Map<CellKey, Counters> out = new TreeMap<>();
      try (PreparedStatement q = c.prepareStatement("SELECT day, dims, counts FROM report_cells");
          ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.put(new CellKey(LocalDate.parse(rs.getString(1)), rs.getString(2)), Counters.decode(rs.getString(3)));
        }
      }
      return out;
    });
  }

  @Override
  public Future<Footprint> footprint() {
    return db.call(c -> {
      long cells = 0;
      long bytes = 0;
      try (PreparedStatement q = c.prepareStatement(
          "SELECT COUNT(*), COALESCE(SUM(LENGTH(day) + LENGTH(CAST(dims AS BLOB)) + LENGTH(counts)), 0) FROM report_cells");
          ResultSet rs = q.executeQuery()) {
        rs.next();
        cells = rs.getLong(1);
        bytes = rs.getLong(2);
      }
      // The pages the table and its index really take, where SQLite was built with the dbstat table.
      try (PreparedStatement q = c.prepareStatement("SELECT SUM(pgsize) FROM dbstat WHERE name = 'report_cells'");
          ResultSet rs = q.executeQuery()) {
        if (rs.next() && rs.getLong(1) > 0) {
          bytes = rs.getLong(1);
        }
      } catch (SQLException noDbstat) {
        // payload bytes it is
      }
      return new Footprint(cells, cells, bytes);
    });
  }

  @Override
  public Future<Page<FiledTicket>> tickets(String cursor, int limit) {
    return db.call(c -> {
      List<FiledTicket> out = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement("SELECT t.id, t.body, r.ticket_id FROM tickets t"
          + " LEFT JOIN report_recomplaints r ON r.ticket_id = t.id WHERE t.id > ? ORDER BY t.id LIMIT ?")) {
        q.setString(1, cursor);
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            out.add(new FiledTicket(StoredForms.ticket(rs.getString(2)), rs.getString(3) != null));
          }
        }
      }
      return new Page<>(out, out.size() < limit ? Optional.empty() : Optional.of(out.get(out.size() - 1).ticket().id()));
    });
  }

  @Override
  public Future<Page<SentSurvey>> sentSurveys(String cursor, int limit) {
    return db.call(c -> {
      List<SentSurvey> out = new ArrayList<>();
      String last = null;
      try (PreparedStatement q = c.prepareStatement("SELECT id, body, due_at, outcome, finished_at FROM survey_jobs"
          + " WHERE id > ? AND finished = 1 ORDER BY id LIMIT ?")) {
        q.setString(1, cursor);
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            last = rs.getString(1);
            SurveyOutcome outcome = StoredSurveys.outcome(rs.getString(4));
            if (outcome.sent()) {
              out.add(new SentSurvey(StoredSurveys.job(rs.getString(2), rs.getLong(3)),
                  Instant.ofEpochMilli(rs.getLong(5))));
            }
          }
        }
      }
      return new Page<>(out, last == null ? Optional.empty() : Optional.of(last));
    });
  }

  @Override
  public Future<Page<SurveyResponse>> responses(String cursor, int limit) {
    return db.call(c -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement q = c.prepareStatement(
          "SELECT job_id FROM survey_responses WHERE job_id > ? ORDER BY job_id LIMIT ?")) {
        q.setString(1, cursor);
        q.setInt(2, limit);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      List<SurveyResponse> out = new ArrayList<>();
      for (String id : ids) {
        EmbeddedSurveyStore.readResponse(c, id).ifPresent(out::add);
      }
      return new Page<>(out, ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1)));
    });
  }
}
