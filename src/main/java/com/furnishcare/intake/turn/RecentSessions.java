package com.furnishcare.intake.turn;

import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.Session;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions this process committed last, with the version each was written as, so a conversation's next turn
 * can be decided before its claim and claimed and committed in one step ({@code SessionStore#claimAndCommit}).
 *
 * <p>Only a hint, never the truth: the store commits such a turn only if the version is still the stored one, and
 * otherwise answers with the stored session, on which the turn is decided again. So an entry made stale by another
 * process, an agent, an expiry or an erasure costs a decision, not a lost update. Bounded in count and age: a
 * homeowner's next message comes within minutes, and a session of an intake with a long transcript is a few
 * kilobytes.
 */
final class RecentSessions {

  /**
   * About 55 MB more live heap after GC under the FAQ bench (its sessions carry transcripts of a few kilobytes);
   * each cached session is copied by at least one young collection, the price of the saved round trip.
   */
  static final int CAPACITY = 10_000;
  static final Duration KEPT_FOR = Duration.ofMinutes(10);

  /** A session as this process committed it, the version it was written as, and when (System.nanoTime). */
  record Known(Session session, String version, long committedAt) {}

  /**
   * Least recently committed out first. Not Caffeine's frequency-based admission (as the knowledge base's answer
   * cache has): a conversation's first turn here would lose its place to conversations that had many turns and are
   * over, when the one just answered is the one whose next message comes.
   */
  private final Map<String, Known> known;
  private final long keptForNanos;

  private RecentSessions(int capacity, Duration keptFor) {
    this.keptForNanos = keptFor.toNanos();
    this.known = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Remembers up to {@code capacity} sessions, each for {@code keptFor} after its commit. */
  static RecentSessions bounded(int capacity, Duration keptFor) {
    return new RecentSessions(capacity, keptFor);
  }

  /** Remembers up to {@link #CAPACITY} sessions, each for {@link #KEPT_FOR}. */
  static RecentSessions bounded() {
    return bounded(CAPACITY, KEPT_FOR);
  }

  /** Remembers nothing (each entry leaves as it comes): for a store that cannot commit a turn with its claim. */
  static RecentSessions none() {
    return new RecentSessions(0, Duration.ZERO);
  }

  Optional<Known> get(ConversationKey key) {
    synchronized (known) {
      Known k = known.get(key.asString());
      if (k != null && System.nanoTime() - k.committedAt() > keptForNanos) {
        known.remove(key.asString());
        return Optional.empty();
      }
      return Optional.ofNullable(k);
    }
  }

  void committed(ConversationKey key, Session session, String version) {
    if (version.isEmpty()) {
      return; // a store that does not say what it wrote: nothing to check the next turn against
    }
    synchronized (known) {
      known.put(key.asString(), new Known(session, version, System.nanoTime()));
    }
  }

  void forget(ConversationKey key) {
    synchronized (known) {
      known.remove(key.asString());
    }
  }

  int size() {
    synchronized (known) {
      return known.size();
    }
  }
}
