package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * The (timestamp, nonce) pairs of signed callbacks already seen, each with a hash of the body it came
 * with. A signature only proves the sender knew the token at that timestamp, not that the body is the
 * one signed (plaintext-mode signatures do not cover the body), so a captured signature could be
 * re-used with another body until the timestamp falls out of the window. Remembering the pair until
 * then closes that gap; remembering the body hash tells the sender's own retries (same body) apart.
 */
public interface CallbackNonces {

  /** What the store knew about a pair before this sighting. */
  enum Sighting {
    /** Not seen before (or already forgotten): recorded now with this body hash. */
    FIRST,
    /** Seen with the same body: the sender retried. */
    SAME_BODY,
    /** Seen with a different body: a replayed signature. */
    OTHER_BODY
  }

  /**
   * Records {@code pair} with {@code bodyHash} unless it is already known, atomically across every
   * process sharing the store, and keeps it until {@code forgetAt}.
   */
  Future<Sighting> sight(String pair, String bodyHash, Instant forgetAt);
}
