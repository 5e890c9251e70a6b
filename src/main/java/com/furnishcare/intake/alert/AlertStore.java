package com.furnishcare.intake.alert;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The alert deliveries, shared by every gateway process on the store. Raising is insert-if-absent by
 * delivery id, so every process may raise the same alert (a sweep runs everywhere) and it is still sent
 * once; deliveries are handed out under a lease, so two senders never send the same one at once, and a
 * sender that dies leaves its deliveries due again.
 */
public interface AlertStore {

  /** Keeps each delivery unless its id is known (in any state); resolves with how many were new. */
  Future<Integer> raise(List<AlertDelivery> deliveries);

  /** Whether any delivery of this alert id was ever raised (the digest asks before computing figures). */
  Future<Boolean> raised(String alertId);

  /**
   * Up to {@code limit} pending deliveries due at {@code now}, earliest first, each leased until
   * {@code now + lease}.
   */
  Future<List<AlertDelivery>> claimDue(Instant now, int limit, Duration lease);

  /** A pending delivery is due again at {@code at} (a refusal worth retrying, its ticket not there yet). */
  Future<Void> retry(String id, int attempts, Instant at, String error);

  /** Takes a pending delivery out of the queue for good with its outcome; a finished one keeps its first. */
  Future<Void> finish(String id, AlertState outcome, String detail, Instant at);

  Future<Optional<AlertDelivery>> get(String id);

  /** The newest deliveries first, at most {@code limit} (for operators and tests). */
  Future<List<AlertDelivery>> recent(int limit);
}
