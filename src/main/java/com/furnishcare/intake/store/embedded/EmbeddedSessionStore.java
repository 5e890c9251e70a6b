package com.furnishcare.intake.store.embedded;

import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.SessionVersion;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.report.ReportDelta;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@link SessionStore} in the embedded SQLite file. */
public final class EmbeddedSessionStore implements SessionStore {

  private static final String CLAIMED = "claimed";
  private static final String DONE = "done";

  private final SqliteDatabase db;
  private final StoreSettings settings;
  private final Clock clock;

  public EmbeddedSessionStore(SqliteDatabase db, StoreSettings settings, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Future<Optional<Session>> load(ConversationKey key) {
    long now = clock.millis();
    return db.call(c -> readSession(c, key, now));
  }

  private static Optional<Session> readSession(Connection c, ConversationKey key, long now) throws SQLException {
    return readSessionText(c, key, now).map(StoredForms::session);
  }

  /** The session as stored (its text is what its version is computed from); empty when none or expired. */
  private static Optional<String> readSessionText(Connection c, ConversationKey key, long now) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT body FROM sessions WHERE conv_key = ? AND expires_at > ?")) {
      q.setString(1, key.asString());
      q.setLong(2, now);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static String version(Optional<String> text) {
    return text.map(SessionVersion::of).orElse(SessionVersion.NONE);
  }

  @Override
  public Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check) {
    return NonceCheck.thenClaim(check, () -> claimUnchecked(messageKey, key));
  }

  private Future<MessageClaim> claimUnchecked(String messageKey, ConversationKey key) {
    long now = clock.millis();
    return db.transaction(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT state, reply, expires_at FROM turns WHERE message_key = ?")) {
        q.setString(1, messageKey);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next() && rs.getLong(3) > now) {
            return DONE.equals(rs.getString(1))
                ? new MessageClaim.Completed(StoredForms.reply(rs.getString(2)))
                : new MessageClaim.InProgress();
          }
        }
      }
      upsertTurn(c, messageKey, CLAIMED, null, now + settings.claimLease().toMillis());
      Optional<String> stored = readSessionText(c, key, now);
      return new MessageClaim.Claimed(stored.map(StoredForms::session), version(stored));
    });
  }

  /**
   * One process owns the file, and its turns of one conversation run one at a time, so the version check
   * holds whenever a turn commits; it is still made, in the same transaction as the writes, so both stores
   * keep one contract (and a second process opened on the same file by mistake loses no turn either). The
   * transcript is left to the caller ({@link CommitOutcome.Committed#transcriptWritten} false): the chat log is
   * written through its own port.
   */
  @Override
  public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript) {
    long now = clock.millis();
    String written = SessionVersion.fresh();
    return db.transaction(c -> {
      if (!SessionVersion.ANY.equals(expectedVersion)) {
        Optional<RecordedReply> done = doneReply(c, messageKey, now);
        if (done.isPresent()) {
          return new CommitOutcome.AlreadyDone(done.get());
        }
        Optional<String> stored = readSessionText(c, key, now);
        if (!version(stored).equals(expectedVersion)) {
          return new CommitOutcome.StaleSession(stored.map(StoredForms::session), version(stored));
        }
      }
      try (PreparedStatement u = c.prepareStatement(
          "INSERT INTO sessions (conv_key, body, expires_at) VALUES (?, ?, ?)"
              + " ON CONFLICT(conv_key) DO UPDATE SET body = excluded.body, expires_at = excluded.expires_at")) {
        u.setString(1, key.asString());
        u.setString(2, StoredForms.session(session, written));
        u.setLong(3, now + idle.toMillis());
        u.executeUpdate();
      }
      upsertTurn(c, messageKey, DONE, StoredForms.reply(reply), now + settings.replyRetention().toMillis());
      // The report figures change in this same transaction: each new ticket's contribution added (with its
      // re-complaint fact, looked up before it is filed), each changed ticket's old contribution replaced.
      ReportDelta figures = new ReportDelta();
      for (Ticket ticket : newTickets) {
        if (settings.reportFigures()) {
          figures.add(TicketFigures.of(ticket, EmbeddedReports.fileRecomplaint(c, ticket)), 1);
        }
        EmbeddedTicketStore.insert(c, ticket);
        EmbeddedOutbox.insert(c, ticket);
      }
      for (Ticket ticket : changedTickets) {
        if (settings.reportFigures()) {
          Optional<Ticket> before = EmbeddedReports.storedTicket(c, ticket.id());
          if (before.isPresent()) {
            figures.addAll(TicketFigures.change(before, ticket, EmbeddedReports.isRecomplaint(c, ticket.id())));
          }
        }
        EmbeddedTicketStore.update(c, ticket);
        EmbeddedOutbox.enqueueChange(c, ticket, now);
      }
      EmbeddedReports.apply(c, figures);
      return new CommitOutcome.Committed(written);
    });
  }

  private static Optional<RecordedReply> doneReply(Connection c, String messageKey, long now) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(
        "SELECT reply FROM turns WHERE message_key = ? AND state = ? AND expires_at > ?")) {
      q.setString(1, messageKey);
      q.setString(2, DONE);
      q.setLong(3, now);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(StoredForms.reply(rs.getString(1))) : Optional.empty();
      }
    }
  }

  @Override
  public Future<Void> release(String messageKey) {
    return db.call(c -> {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM turns WHERE message_key = ? AND state = ?")) {
        d.setString(1, messageKey);
        d.setString(2, CLAIMED);
        d.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Future<Void> ping() {
    return db.call(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT 1"); ResultSet rs = q.executeQuery()) {
        rs.next();
      }
      return null;
    });
  }

  /** Keeps as many delivery events as the Redis store does. */
  public static final int DELIVERY_LOG_CAPACITY = 10_000;

  /**
   * Drops expired sessions, turns and tokens, and delivery events beyond the log's capacity; called
   * periodically so the file does not grow without bound.
   */
  public Future<Integer> purgeExpired() {
    long now = clock.millis();
    return db.call(c -> {
      int removed = 0;
      for (String table : new String[] {"sessions", "turns", "tokens", "chat_conversations", "sms_chat_links"}) {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
          d.setLong(1, now);
          removed += d.executeUpdate();
        }
      }
      // Extra secrets go with their conversation.
      try (PreparedStatement d = c.prepareStatement("DELETE FROM chat_conversation_secrets"
          + " WHERE id NOT IN (SELECT id FROM chat_conversations)")) {
        removed += d.executeUpdate();
      }
      try (PreparedStatement d = c.prepareStatement(
          "DELETE FROM deliveries WHERE id <= (SELECT MAX(id) FROM deliveries) - ?")) {
        d.setInt(1, DELIVERY_LOG_CAPACITY);
        removed += d.executeUpdate();
      }
      return removed;
    });
  }

  private static void upsertTurn(Connection c, String messageKey, String state, String reply,
      long expiresAt) throws SQLException {
    try (PreparedStatement u = c.prepareStatement(
        "INSERT INTO turns (message_key, state, reply, expires_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT(message_key) DO UPDATE SET state = excluded.state, reply = excluded.reply,"
            + " expires_at = excluded.expires_at")) {
      u.setString(1, messageKey);
      u.setString(2, state);
      u.setString(3, reply);
      u.setLong(4, expiresAt);
      u.executeUpdate();
    }
  }
}
