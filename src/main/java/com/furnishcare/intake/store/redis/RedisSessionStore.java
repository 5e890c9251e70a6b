package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SessionStore} in Redis. Sessions expire after the idle time (PX on every write); a claim is a
 * {@code SET NX PX lease}, so a process that dies mid-turn frees the message when the lease runs out;
 * a commit writes session and reply in one Lua script so no other client sees one without the other.
 */
public final class RedisSessionStore implements SessionStore {

  private static final String CLAIMED = new JsonObject().put("state", "claimed").encode();

  /**
   * Session, reply, new tickets and their outbox entries in one script. Tickets come as groups of five
   * ARGVs (key, body, created-at score, id, index keys joined by '|'); a ticket id already taken aborts
   * before any write. Changed tickets come as triples (key, body, id) and are queued for delivery again
   * unless a delivery is already waiting. KEYS[3..6]: outbox pending, age, entry prefix, dead letters.
   */
  private static final String COMMIT_SCRIPT = String.join("\n",
      "local n = tonumber(ARGV[5])",
      "for t = 0, n - 1 do",
      "  if redis.call('EXISTS', ARGV[6 + t * 5]) == 1 then return redis.error_reply('DUPLICATE_TICKET') end",
      "end",
      "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])",
      "for t = 0, n - 1 do",
      "  local b = 6 + t * 5",
      "  redis.call('SET', ARGV[b], ARGV[b + 1])",
      "  for index in string.gmatch(ARGV[b + 4], '[^|]+') do",
      "    redis.call('ZADD', index, ARGV[b + 2], ARGV[b + 3])",
      "  end",
      "  redis.call('ZADD', KEYS[3], ARGV[b + 2], ARGV[b + 3])",
      "  redis.call('ZADD', KEYS[4], ARGV[b + 2], ARGV[b + 3])",
      "  redis.call('HSET', KEYS[5] .. ARGV[b + 3], 'attempts', 0, 'created', ARGV[b + 2], 'error', '', 'dead', 0)",
      "end",
      "local m = tonumber(ARGV[6 + n * 5])",
      "local now = ARGV[7 + n * 5 + m * 3]",
      "for t = 0, m - 1 do",
      "  local c = 7 + n * 5 + t * 3",
      "  redis.call('SET', ARGV[c], ARGV[c + 1], 'XX')",
      "  local id = ARGV[c + 2]",
      "  if redis.call('EXISTS', KEYS[5] .. id) == 1 then",
      "    redis.call('HINCRBY', KEYS[5] .. id, 'gen', 1)",
      "  else",
      "    redis.call('ZADD', KEYS[3], now, id)",
      "    redis.call('ZADD', KEYS[4], now, id)",
      "    redis.call('HSET', KEYS[5] .. id, 'attempts', 0, 'created', now, 'error', '', 'dead', 0, 'gen', 0)",
      "  end",
      "end",
      "return 1");

  /** SET NX the claim; when taken, also return the session, so a turn costs one round trip less. */
  private static final String CLAIM_SCRIPT =
      "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then"
          + " return {1, redis.call('GET', KEYS[2])} end"
          + " return {0, redis.call('GET', KEYS[1])}";

  private static final String RELEASE_SCRIPT =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final StoreSettings settings;

  RedisSessionStore(RedisAPI redis, RedisKeys keys, StoreSettings settings) {
    this.redis = redis;
    this.keys = keys;
    this.settings = settings;
  }

  @Override
  public Future<Optional<Session>> load(ConversationKey key) {
    return redis.get(keys.session(key.asString()))
        .map(r -> r == null ? Optional.empty() : Optional.of(StoredForms.session(r.toString())));
  }

  @Override
  public Future<MessageClaim> claim(String messageKey, ConversationKey key) {
    return redis.eval(List.of(CLAIM_SCRIPT, "2", keys.turn(messageKey), keys.session(key.asString()), CLAIMED,
            Long.toString(settings.claimLease().toMillis())))
        .map(result -> {
          Response value = result.size() > 1 ? result.get(1) : null;
          if (result.get(0).toInteger() == 1) {
            return new MessageClaim.Claimed(value == null ? Optional.empty()
                : Optional.of(StoredForms.session(value.toString())));
          }
          // Lua's GET of a key that lapsed inside the script cannot happen: the script is atomic.
          return value == null ? new MessageClaim.InProgress() : toClaim(value);
        });
  }

  private static MessageClaim toClaim(Response stored) {
    JsonObject value = new JsonObject(stored.toString());
    if ("done".equals(value.getString("state"))) {
      return new MessageClaim.Completed(StoredForms.reply(value.getString("reply")));
    }
    return new MessageClaim.InProgress();
  }

  @Override
  public Future<Void> commitTurn(ConversationKey key, Session session, Duration idle, String messageKey,
      RecordedReply reply,
      List<Ticket> newTickets, List<Ticket> changedTickets) {
    String done = new JsonObject().put("state", "done").put("reply", StoredForms.reply(reply)).encode();
    List<String> args = new ArrayList<>(List.of(COMMIT_SCRIPT, "6", keys.session(key.asString()), keys.turn(messageKey),
        keys.outboxPending(), keys.outboxAge(), keys.outboxEntryPrefix(), keys.outboxDead(),
        StoredForms.session(session), Long.toString(idle.toMillis()),
        done, Long.toString(settings.replyRetention().toMillis()), Integer.toString(newTickets.size())));
    for (Ticket t : newTickets) {
      String indexes = keys.ticketsAll() + "|" + keys.ticketsOfUser(t.channel().wireName(), t.userId())
          + (t.orderNo().isEmpty() ? "" : "|" + keys.ticketsOfOrder(t.orderNo()));
      args.addAll(List.of(keys.ticket(t.id()), StoredForms.ticket(t), Long.toString(t.createdAt().toEpochMilli()),
          t.id(), indexes));
    }
    args.add(Integer.toString(changedTickets.size()));
    for (Ticket t : changedTickets) {
      args.add(keys.ticket(t.id()));
      args.add(StoredForms.ticket(t));
      args.add(t.id());
    }
    args.add(Long.toString(System.currentTimeMillis()));
    return redis.eval(args).mapEmpty();
  }

  @Override
  public Future<Void> release(String messageKey) {
    return redis.eval(List.of(RELEASE_SCRIPT, "1", keys.turn(messageKey), CLAIMED)).mapEmpty();
  }

  @Override
  public Future<Void> ping() {
    return redis.ping(List.of()).mapEmpty();
  }
}
