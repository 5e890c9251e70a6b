package com.furnishcare.intake.store.embedded;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite file in WAL mode, used from one dedicated worker thread. A single writer thread keeps
 * SQLite free of lock contention and keeps JDBC off the event loop. WAL with synchronous=NORMAL
 * makes every committed transaction survive a killed process (only a power cut can lose the last ones).
 */
public final class SqliteDatabase {

  /** Work done with the connection on the store thread. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
  /** SQLite's primary result code for "database or disk is full" (a write found no space). */
  private static final int SQLITE_FULL = 13;
  /** A full disk is logged once, then at most this often while it lasts. */
  private static final long FULL_LOG_EVERY_MS = 30_000;

  private final Connection connection;
  private final WorkerExecutor executor;
  private final Path file;
  private final AtomicLong refusedForSpace = new AtomicLong();
  private final AtomicLong lastFullLog = new AtomicLong(Long.MIN_VALUE / 2);

  private SqliteDatabase(Connection connection, WorkerExecutor executor, Path file) {
    this.connection = connection;
    this.executor = executor;
    this.file = file;
  }

  public static Future<SqliteDatabase> open(Vertx vertx, Path dataDir) {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor("embedded-store-" + dataDir.toAbsolutePath(), 1);
    return executor.executeBlocking(() -> {
      Files.createDirectories(dataDir);
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gateway.db"));
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("CREATE TABLE IF NOT EXISTS sessions (conv_key TEXT PRIMARY KEY, body TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS turns (message_key TEXT PRIMARY KEY, state TEXT NOT NULL,"
            + " reply TEXT, expires_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS tokens (name TEXT PRIMARY KEY, value TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, body TEXT NOT NULL, channel TEXT NOT NULL,"
            + " user_id TEXT NOT NULL, order_no TEXT NOT NULL, phone TEXT NOT NULL, status TEXT NOT NULL,"
            + " created_at INTEGER NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS tickets_by_user ON tickets (channel, user_id, created_at)");
        s.execute("CREATE INDEX IF NOT EXISTS tickets_by_order ON tickets (order_no, created_at)");
        s.execute("CREATE INDEX IF NOT EXISTS tickets_by_time ON tickets (created_at)");
        s.execute("CREATE TABLE IF NOT EXISTS outbox (ticket_id TEXT PRIMARY KEY, attempts INTEGER NOT NULL,"
            + " next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL, last_error TEXT NOT NULL,"
            + " dead INTEGER NOT NULL, generation INTEGER NOT NULL DEFAULT 0)");
        s.execute("CREATE INDEX IF NOT EXISTS outbox_due ON outbox (dead, next_attempt_at)");
        s.execute("CREATE TABLE IF NOT EXISTS callback_nonces (pair TEXT PRIMARY KEY, body_hash TEXT NOT NULL,"
            + " forget_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " body TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS chat_conversations (id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL)");
        // Secrets added to a conversation after its first (a device that joined through an SMS link).
        s.execute("CREATE TABLE IF NOT EXISTS chat_conversation_secrets (id TEXT NOT NULL, secret_hash TEXT NOT NULL,"
            + " PRIMARY KEY (id, secret_hash))");
        s.execute("CREATE TABLE IF NOT EXISTS sms_chat_links (phone TEXT PRIMARY KEY, conversation_id TEXT NOT NULL,"
            + " code TEXT NOT NULL UNIQUE, notified INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL)");
        // Conversations handed to people: the fixed part as JSON, the parts that change as columns.
        s.execute("CREATE TABLE IF NOT EXISTS agent_queue (conversation TEXT PRIMARY KEY, body TEXT NOT NULL,"
            + " owner TEXT, taken_at INTEGER, first_response_at INTEGER, last_inbound_at INTEGER NOT NULL,"
            + " owner_seen_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS chat_log (conversation_id TEXT NOT NULL, seq INTEGER NOT NULL,"
            + " entry_key TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (conversation_id, seq),"
            + " UNIQUE (conversation_id, entry_key))");
        // Console sessions by the SHA-256 of their id (the id itself is only in the browser's cookie).
        s.execute("CREATE TABLE IF NOT EXISTS agent_sessions (id_hash TEXT PRIMARY KEY, username TEXT NOT NULL,"
            + " csrf TEXT NOT NULL, expires_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
            + " body TEXT NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (at)");
        // Survey jobs (one per service event id) and what became of them; an unfinished job is due at due_at.
        s.execute("CREATE TABLE IF NOT EXISTS survey_jobs (id TEXT PRIMARY KEY, body TEXT NOT NULL,"
            + " due_at INTEGER NOT NULL, finished INTEGER NOT NULL DEFAULT 0, outcome TEXT, finished_at INTEGER)");
        s.execute("CREATE INDEX IF NOT EXISTS survey_jobs_due ON survey_jobs (finished, due_at)");
        s.execute("CREATE TABLE IF NOT EXISTS survey_codes (code TEXT PRIMARY KEY, job_id TEXT NOT NULL,"
            + " expires_at INTEGER NOT NULL)");
        // The survey last sent by SMS to each mobile number, so a reply can be read as its answer.
        s.execute("CREATE TABLE IF NOT EXISTS survey_sms_sent (phone TEXT PRIMARY KEY, job_id TEXT NOT NULL,"
            + " at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS survey_optouts (contact TEXT PRIMARY KEY, at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS survey_contacts (contact TEXT PRIMARY KEY, last_at INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS survey_responses (job_id TEXT PRIMARY KEY, channel TEXT NOT NULL,"
            + " started_at INTEGER NOT NULL, completed_at INTEGER)");
        s.execute("CREATE INDEX IF NOT EXISTS survey_responses_by_start ON survey_responses (started_at)");
        s.execute("CREATE TABLE IF NOT EXISTS survey_answers (job_id TEXT NOT NULL, question_id TEXT NOT NULL,"
            + " seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (job_id, question_id))");
        // Alert deliveries to WeCom group robots, one row per alert and robot, ever (the id dedupes raises).
        s.execute("CREATE TABLE IF NOT EXISTS alerts (id TEXT PRIMARY KEY, alert_id TEXT NOT NULL, body TEXT NOT NULL,"
            + " state TEXT NOT NULL, attempts INTEGER NOT NULL, due_at INTEGER NOT NULL, last_error TEXT NOT NULL,"
            + " finished_at INTEGER, created_at INTEGER NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS alerts_due ON alerts (state, due_at)");
        s.execute("CREATE INDEX IF NOT EXISTS alerts_by_alert ON alerts (alert_id)");
        s.execute("CREATE INDEX IF NOT EXISTS alerts_by_time ON alerts (created_at)");
        // Report aggregates (com.furnishcare.intake.report): counts per day and dimensions, a version per day
        // bumped by every write that changes it, and which tickets repeat an earlier complaint.
        s.execute("CREATE TABLE IF NOT EXISTS report_cells (day TEXT NOT NULL, dims TEXT NOT NULL,"
            + " counts TEXT NOT NULL, PRIMARY KEY (day, dims)) WITHOUT ROWID");
        s.execute("CREATE TABLE IF NOT EXISTS report_days (day TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS report_recomplaints (ticket_id TEXT PRIMARY KEY,"
            + " earlier_id TEXT NOT NULL)");
        s.execute("CREATE INDEX IF NOT EXISTS tickets_by_phone ON tickets (phone, created_at)");
        s.execute("CREATE INDEX IF NOT EXISTS tickets_by_status ON tickets (status, created_at)");
      }
      connection.setAutoCommit(true);
      return new SqliteDatabase(connection, executor, dataDir.resolve("gateway.db"));
    }, true).recover(err -> {
      executor.close();
      return Future.failedFuture(new IOException("cannot open the embedded store in " + dataDir + ": "
          + err.getMessage(), err));
    });
  }

  /** Runs {@code work} on the store thread, in order of submission. */
  public <T> Future<T> call(SqlWork<T> work) {
    return executor.executeBlocking(() -> {
      try {
        return work.run(connection);
      } catch (SQLException e) {
        if (e.getErrorCode() == SQLITE_FULL) {
          noSpace(e);
        }
        throw e;
      }
    }, false);
  }

  /**
   * Says plainly, once and then every 30 s while it lasts, that writes are refused for want of space: the
   * write was rolled back (SQLite keeps the file consistent), and turns fail until space is freed.
   */
  private void noSpace(SQLException e) {
    long refused = refusedForSpace.incrementAndGet();
    long now = System.currentTimeMillis();
    long last = lastFullLog.get();
    if (now - last >= FULL_LOG_EVERY_MS && lastFullLog.compareAndSet(last, now)) {
      LOG.error("embedded store {}: the disk is full (SQLITE_FULL), so writes are refused and rolled back; "
          + "turns fail until space is freed on that file system (WeChat is answered 503 or asked to send "
          + "again, nothing half-written is kept); {} writes refused so far: {}", file, refused, e.getMessage());
    }
  }

  /** Runs {@code work} as one transaction: all of it is committed or none. */
  public <T> Future<T> transaction(SqlWork<T> work) {
    return call(c -> {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        // The cause stays the error: a rollback or reset that fails too (SQLite may already have rolled the
        // transaction back itself, e.g. on a full disk) is attached to it, not thrown instead of it.
        try {
          c.rollback();
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
        }
        try {
          c.setAutoCommit(true);
        } catch (SQLException resetFailed) {
          e.addSuppressed(resetFailed);
        }
        throw e;
      }
      c.setAutoCommit(true);
      return result;
    });
  }

  public Future<Void> close() {
    return call(c -> {
      c.close();
      return (Void) null;
    }).eventually(executor::close);
  }
}
