package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** An append-only record of what console users did, with who and when; shared by every process of a store. */
public interface AuditLog {

  Future<Void> record(AuditEntry entry);

  /** The newest {@code limit} entries, newest first. */
  Future<List<AuditEntry>> recent(int limit);

  /** Entries at or after {@code from}, newest first, at most {@code limit}. */
  Future<List<AuditEntry>> since(Instant from, int limit);
}
