package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Signed-in console sessions. The id handed to the browser is 256 random bits; the store keeps only its
 * SHA-256, so a copy of the store (a backup, a Redis dump) opens no session. A session holds the username
 * (the account and its role are looked up again on every request) and its CSRF token. Every use moves
 * its idle expiry forward.
 */
public interface AgentSessions {

  /** What a live session vouches for. */
  record AgentSession(String username, String csrfToken) {}

  /** Starts a session for {@code username}, ending after {@code idle} without use; the new session's id. */
  Future<String> create(String username, Duration idle);

  /** The session with this id if it is live, its expiry moved to {@code idle} from now; empty otherwise. */
  Future<Optional<AgentSession>> touch(String sessionId, Duration idle);

  /** Ends the session (nothing happens for an unknown id). */
  Future<Void> delete(String sessionId);
}
