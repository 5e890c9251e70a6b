package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.AgentSessionTokens;
import com.furnishcare.intake.core.AgentSessions;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link AgentSessions} in Redis, so a session opened on one gateway process is good on every other. A
 * session is a hash whose TTL is its idle expiry; a touch moves the TTL and reads the hash in one script.
 */
public final class RedisAgentSessions implements AgentSessions {

  /** PEXPIRE answers 0 for a missing (or lapsed) key: then there is nothing to read. */
  private static final String TOUCH_SCRIPT =
      "if redis.call('PEXPIRE', KEYS[1], ARGV[1]) == 1 then"
          + " return redis.call('HMGET', KEYS[1], 'username', 'csrf') end return false";

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisAgentSessions(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<String> create(String username, Duration idle) {
    String id = AgentSessionTokens.random();
    String key = keys.agentSession(AgentSessionTokens.hash(id));
    // MULTI would need a connection of its own; a session without its TTL would live for ever, so the hash
    // and its expiry are written by one script.
    String script = "redis.call('HSET', KEYS[1], 'username', ARGV[1], 'csrf', ARGV[2])"
        + " redis.call('PEXPIRE', KEYS[1], ARGV[3]) return 1";
    return redis.eval(List.of(script, "1", key, username, AgentSessionTokens.random(), Long.toString(idle.toMillis())))
        .map(ok -> id);
  }

  @Override
  public Future<Optional<AgentSession>> touch(String sessionId, Duration idle) {
    String key = keys.agentSession(AgentSessionTokens.hash(sessionId));
    return redis.eval(List.of(TOUCH_SCRIPT, "1", key, Long.toString(idle.toMillis()))).map(RedisAgentSessions::session);
  }

  private static Optional<AgentSession> session(Response reply) {
    if (reply == null || reply.size() < 2 || reply.get(0) == null || reply.get(1) == null) {
      return Optional.empty();
    }
    return Optional.of(new AgentSession(reply.get(0).toString(), reply.get(1).toString()));
  }

  @Override
  public Future<Void> delete(String sessionId) {
    return redis.del(List.of(keys.agentSession(AgentSessionTokens.hash(sessionId)))).mapEmpty();
  }
}
