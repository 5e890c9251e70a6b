package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.core.AuditLog;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.RedisAPI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditLog} as a Redis list, newest first, capped at {@link #CAPACITY} entries (months of a console's
 * work): Redis holds everything in memory, so the list cannot grow without end. Keep a longer trail by
 * shipping the gateway's log or reading {@code /api/agent/audit} regularly.
 */
public final class RedisAuditLog implements AuditLog {

  static final int CAPACITY = 100_000;
  /** {@link #since} reads the list in pages of this many, stopping at the first older entry. */
  private static final int PAGE = 500;

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisAuditLog(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Void> record(AuditEntry entry) {
    return redis.lpush(List.of(keys.auditLog(), StoredForms.audit(entry)))
        .compose(r -> redis.ltrim(keys.auditLog(), "0", Integer.toString(CAPACITY - 1)))
        .mapEmpty();
  }

  @Override
  public Future<List<AuditEntry>> recent(int limit) {
    return redis.lrange(keys.auditLog(), "0", Integer.toString(limit - 1)).map(RedisAuditLog::entries);
  }

  @Override
  public Future<List<AuditEntry>> since(Instant from, int limit) {
    return page(from, limit, 0, new ArrayList<>());
  }

  private Future<List<AuditEntry>> page(Instant from, int limit, int start, List<AuditEntry> found) {
    return redis.lrange(keys.auditLog(), Integer.toString(start), Integer.toString(start + PAGE - 1)).compose(list -> {
      for (AuditEntry entry : entries(list)) {
        // Newest first: the first entry older than `from` ends the walk (entries from several processes
        // may be a few milliseconds out of order; that is fine for a "since").
        if (entry.at().isBefore(from) || found.size() >= limit) {
          return Future.succeededFuture(found);
        }
        found.add(entry);
      }
      return list.size() < PAGE ? Future.succeededFuture(found) : page(from, limit, start + PAGE, found);
    });
  }

  private static List<AuditEntry> entries(Response list) {
    List<AuditEntry> entries = new ArrayList<>();
    for (Response item : list) {
      entries.add(StoredForms.audit(item.toString()));
    }
    return entries;
  }
}
