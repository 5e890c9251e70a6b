package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.store.StoredChatEntries;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ChatLog} in Redis: per conversation a list of entries (entry n at index n-1) and a hash of entry
 * keys to their numbers. One script checks the key and appends, so two processes appending at once get
 * consecutive numbers and a repeated key is stored once. Both keys live as long as an idle conversation.
 *
 * <p>The same script tells the other processes' pages (the chat news of {@link RedisChatBus}), and only when
 * the conversation's presence set says a page is open somewhere: most WeChat and SMS conversations have no page
 * open, and a PUBLISH per turn was a round trip of its own plus its echo into every process's subscriber.
 */
final class RedisChatLog implements ChatLog {

  /**
   * KEYS: list, key index, presence set. ARGV: lifetime ms, news channel, conversation id, process id, then
   * pairs of entry key and entry JSON with a "seq":0 placeholder. When it appended anything and a presence
   * member's deadline is still ahead, publishes the news of the last new entry. Answers one item per pair: the number a new entry got, or the stored entry whose key was there
   * already. (Not the new entries' bodies: the caller has them, and reading them back cost every turn a parse.)
   */
  private static final RedisScript APPEND_SCRIPT = new RedisScript(String.join("\n",
      "local out = {}",
      "local last = 0",
      "for i = 5, #ARGV, 2 do",
      "  local seq = redis.call('HGET', KEYS[2], ARGV[i])",
      "  if seq then",
      "    out[#out + 1] = redis.call('LINDEX', KEYS[1], tonumber(seq) - 1)",
      "  else",
      "    local n = redis.call('LLEN', KEYS[1]) + 1",
      "    local body = string.gsub(ARGV[i + 1], '\"seq\":0,', '\"seq\":' .. n .. ',', 1)",
      "    redis.call('RPUSH', KEYS[1], body)",
      "    redis.call('HSET', KEYS[2], ARGV[i], n)",
      "    out[#out + 1] = n",
      "    last = n",
      "  end",
      "end",
      "if last > 0 then",
      "  local t = redis.call('TIME')",
      "  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
      "  if redis.call('ZCOUNT', KEYS[3], now, '+inf') > 0 then",
      "    redis.call('PUBLISH', ARGV[2], ARGV[3] .. ' ' .. last .. ' ' .. ARGV[4])",
      "  end",
      "end",
      "redis.call('PEXPIRE', KEYS[1], ARGV[1])",
      "redis.call('PEXPIRE', KEYS[2], ARGV[1])",
      "return out"));

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final Duration lifetime;
  /** Whose news channel and process id the announcements carry. */
  private final RedisChatBus news;

  RedisChatLog(RedisAPI redis, RedisKeys keys, Duration lifetime, RedisChatBus news) {
    this.redis = redis;
    this.keys = keys;
    this.lifetime = lifetime;
    this.news = news;
  }

  @Override
  public boolean announcesToOtherProcesses() {
    return true;
  }

  @Override
  public Future<ChatEntry> append(String conversationId, String key, ChatEntry.Author author, Reply reply,
      Instant at) {
    return appendAll(conversationId, List.of(new Draft(key, author, reply)), at).map(entries -> entries.get(0));
  }

  @Override
  public Future<List<ChatEntry>> appendAll(String conversationId, List<Draft> drafts, Instant at) {
    if (drafts.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<String> args = new ArrayList<>(List.of(keys.chatLog(conversationId), keys.chatLogKeys(conversationId),
        keys.chatOnline(conversationId), Long.toString(lifetime.toMillis()), news.channel(), conversationId,
        news.processId()));
    for (Draft draft : drafts) {
      args.add(draft.key());
      args.add(StoredChatEntries.write(new ChatEntry(0, draft.key(), draft.author(), draft.reply(), at)));
    }
    return APPEND_SCRIPT.run(redis, 3, args).map(items -> {
      List<ChatEntry> entries = new ArrayList<>();
      for (int i = 0; i < drafts.size(); i++) {
        Response item = items.get(i);
        Draft draft = drafts.get(i);
        entries.add(item.type() == ResponseType.NUMBER
            ? new ChatEntry(item.toLong(), draft.key(), draft.author(), draft.reply(), at)
            : StoredChatEntries.read(item.toString()));
      }
      return entries;
    });
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
