package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.SmsChatLinks;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link SmsChatLinks} in Redis: per phone a hash (conversation, code), per code the phone, both with the
 * same PX; opening is one script, so two processes racing for one phone end with one link.
 */
final class RedisSmsChatLinks implements SmsChatLinks {

  /** Returns the phone's live link as {conversation, code}, or an error when the code is someone else's. */
  private static final String OPEN_SCRIPT = """
      local live = redis.call('HMGET', KEYS[1], 'conversation', 'code')
      if live[1] then
        return live
      end
      if redis.call('EXISTS', KEYS[2]) == 1 then
        return redis.error_reply('code taken')
      end
      redis.call('HSET', KEYS[1], 'conversation', ARGV[1], 'code', ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
      return {ARGV[1], ARGV[2]}""";

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisSmsChatLinks(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Optional<Link>> byPhone(String phone) {
    return redis.hmget(List.of(keys.smsLinkByPhone(phone), "conversation", "code")).map(r -> link(r, phone));
  }

  @Override
  public Future<Optional<Link>> byCode(String code) {
    return redis.get(keys.smsLinkByCode(code)).compose(phone -> phone == null
        ? Future.succeededFuture(Optional.<Link>empty())
        // The phone's link must still name this code: a lapsed code's phone may have a newer link.
        : byPhone(phone.toString()).map(link -> link.filter(l -> l.code().equals(code))));
  }

  @Override
  public Future<Link> open(Link candidate, Duration lifetime) {
    return redis.eval(List.of(OPEN_SCRIPT, "2", keys.smsLinkByPhone(candidate.phone()),
            keys.smsLinkByCode(candidate.code()), candidate.conversationId(), candidate.code(), candidate.phone(),
            Long.toString(lifetime.toMillis())))
        .map(r -> new Link(r.get(0).toString(), r.get(1).toString(), candidate.phone()));
  }

  @Override
  public Future<Boolean> claimNotice(String code, Duration lifetime) {
    return redis.set(List.of(keys.smsLinkNotice(code), "1", "NX", "PX", Long.toString(lifetime.toMillis())))
        .map(r -> r != null);
  }

  private static Optional<Link> link(Response r, String phone) {
    if (r == null || r.size() < 2 || r.get(0) == null || r.get(1) == null) {
      return Optional.empty();
    }
    return Optional.of(new Link(r.get(0).toString(), r.get(1).toString(), phone));
  }
}
