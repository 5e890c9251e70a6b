package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A signed callback's (timestamp, nonce) pair, to be recorded in {@code nonces} with the hash of the body it came
 * with before its message is claimed ({@link SessionStore#claim(String, ConversationKey, Optional)}): a pair seen
 * before with another body is a replayed signature, and its message is not taken.
 *
 * @param pair the signed timestamp and nonce, as one key
 * @param forgetAt when the pair leaves the accepted timestamp window and need not be remembered
 */
public record NonceCheck(CallbackNonces nonces, String pair, String bodyHash, Instant forgetAt) {

  /** Records the pair in {@link #nonces} on its own; true for a first sighting or a retry, false for a replay. */
  public Future<Boolean> admits() {
    return nonces.sight(pair, bodyHash, forgetAt).map(seen -> seen != CallbackNonces.Sighting.OTHER_BODY);
  }

  /**
   * The claim of a store that cannot record the pair in the claim's own step: records it (when there is one), then
   * claims unless the pair came before with another body.
   */
  public static Future<MessageClaim> thenClaim(Optional<NonceCheck> check, Supplier<Future<MessageClaim>> claim) {
    return thenClaim(check, claim, MessageClaim.Replayed::new);
  }

  /**
   * Like {@link #thenClaim(Optional, Supplier)} for a step that claims and does more ({@link
   * SessionStore#claimAndCommit}): {@code replayed} is its answer for a pair that came before with another body.
   */
  public static <T> Future<T> thenClaim(Optional<NonceCheck> check, Supplier<Future<T>> claim, Supplier<T> replayed) {
    if (check.isEmpty()) {
      return claim.get();
    }
    return check.get().admits().compose(admitted -> admitted ? claim.get()
        : Future.succeededFuture(replayed.get()));
  }
}
