package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.store.StoredChatEntries;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ChatLog} in Redis: per conversation a list of entries (entry n at index n-1) and a hash of entry
 * keys to their numbers. One script checks the key and appends, so two processes appending at once get
 * consecutive numbers and a repeated key is stored once. Both keys live as long as an idle conversation.
 */
final class RedisChatLog implements ChatLog {

  /** KEYS: list, key index. ARGV: entry key, entry JSON with "seq":0 placeholder, lifetime ms. */
  private static final String APPEND_SCRIPT = String.join("\n",
      "local seq = redis.call('HGET', KEYS[2], ARGV[1])",
      "if seq then return redis.call('LINDEX', KEYS[1], tonumber(seq) - 1) end",
      "local n = redis.call('LLEN', KEYS[1]) + 1",
      "local body = string.gsub(ARGV[2], '\"seq\":0,', '\"seq\":' .. n .. ',', 1)",
      "redis.call('RPUSH', KEYS[1], body)",
      "redis.call('HSET', KEYS[2], ARGV[1], n)",
      "redis.call('PEXPIRE', KEYS[1], ARGV[3])",
      "redis.call('PEXPIRE', KEYS[2], ARGV[3])",
      "return body");

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final Duration lifetime;

  RedisChatLog(RedisAPI redis, RedisKeys keys, Duration lifetime) {
    this.redis = redis;
    this.keys = keys;
    this.lifetime = lifetime;
  }

  @Override
  public Future<ChatEntry> append(String conversationId, String key, ChatEntry.Author author, Reply reply,
      Instant at) {
    String draft = StoredChatEntries.write(new ChatEntry(0, key, author, reply, at));
    return redis.eval(List.of(APPEND_SCRIPT, "2", keys.chatLog(conversationId), keys.chatLogKeys(conversationId),
            key, draft, Long.toString(lifetime.toMillis())))
        .map(body -> StoredChatEntries.read(body.toString()));
  }

  @Override
  public Future<List<ChatEntry>> after(String conversationId, long afterSeq, int limit) {
    return redis.lrange(keys.chatLog(conversationId), Long.toString(afterSeq), Long.toString(afterSeq + limit - 1))
        .map(list -> {
          List<ChatEntry> entries = new ArrayList<>();
          for (Response item : list) {
            entries.add(StoredChatEntries.read(item.toString()));
          }
          return entries;
        });
  }
}
