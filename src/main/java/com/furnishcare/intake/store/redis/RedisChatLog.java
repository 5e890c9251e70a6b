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
   * Lua shared by the append script and the turn commit ({@link RedisSessionStore}, which writes a WeChat or SMS
   * turn's transcript in the same step as the turn). {@code chatlog_append(list, index, online, lifetime, channel,
   * conversation, process, first, fresh, last)} appends the pairs of entry key and entry JSON (with a "seq":0
   * placeholder) found from ARGV[first] to ARGV[last] (the end of ARGV, unless the caller's own arguments follow). An entry whose key is in the index is not appended again, unless
   * {@code fresh}: the caller knows none of the keys can be there (a checked turn commit, which writes only a turn not
   * committed before, and whose entry keys are the turn's own), and all are appended with one RPUSH and one HSET
   * instead of a look-up, a length and two writes each. When it appended anything and a presence member's deadline
   * is still ahead, it publishes the news of the last new entry. It answers one item per pair (the number a new entry got, or the
   * stored entry whose key was there already) and the number of the last new entry (0: none). Not the new entries'
   * bodies: the caller has them, and reading them back cost every turn a parse.
   */
  static final String APPEND_LUA = String.join("\n",
      "local function chatlog_append(list, index, online, lifetime, channel, conversation, process, first, fresh, last_arg)",
      "  local out = {}",
      "  local last = 0",
      "  if fresh then",
      "    local n = redis.call('LLEN', list)",
      "    local bodies = {}",
      "    local fields = {}",
      "    for i = first, last_arg, 2 do",
      "      n = n + 1",
      "      bodies[#bodies + 1] = (string.gsub(ARGV[i + 1], '\"seq\":0,', '\"seq\":' .. n .. ',', 1))",
      "      fields[#fields + 1] = ARGV[i]",
      "      fields[#fields + 1] = n",
      "      out[#out + 1] = n",
      "      last = n",
      "    end",
      "    if last > 0 then",
      "      redis.call('RPUSH', list, unpack(bodies))",
      "      redis.call('HSET', index, unpack(fields))",
      "    end",
      "  else",
      "    for i = first, last_arg, 2 do",
      "      local seq = redis.call('HGET', index, ARGV[i])",
      "      if seq then",
      "        out[#out + 1] = redis.call('LINDEX', list, tonumber(seq) - 1)",
      "      else",
      "        local n = redis.call('LLEN', list) + 1",
      "        local body = string.gsub(ARGV[i + 1], '\"seq\":0,', '\"seq\":' .. n .. ',', 1)",
      "        redis.call('RPUSH', list, body)",
      "        redis.call('HSET', index, ARGV[i], n)",
      "        out[#out + 1] = n",
      "        last = n",
      "      end",
      "    end",
      "  end",
      "  if last > 0 then",
      "    local t = redis.call('TIME')",
      "    local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
      "    if redis.call('ZCOUNT', online, now, '+inf') > 0 then",
      "      redis.call('PUBLISH', channel, conversation .. ' ' .. last .. ' ' .. process)",
      "    end",
      "  end",
      "  redis.call('PEXPIRE', list, lifetime)",
      "  redis.call('PEXPIRE', index, lifetime)",
      "  return out, last",
      "end",
      "");

  /** KEYS: list, key index, presence set. ARGV: lifetime ms, news channel, conversation id, process id, pairs. */
  private static final RedisScript APPEND_SCRIPT = new RedisScript(APPEND_LUA
      + "local out = chatlog_append(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], 5, false, #ARGV)\n"
      + "return out");

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
    List<String> args = new ArrayList<>();
    appendArgs(args, conversationId, drafts, at);
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

  /**
   * The arguments of {@code chatlog_append}, in its order: the conversation's list, key index and presence set,
   * the lifetime, the news channel, the conversation id, this process's id, then the pairs.
   */
  void appendArgs(List<String> args, String conversationId, List<Draft> drafts, Instant at) {
    args.addAll(List.of(keys.chatLog(conversationId), keys.chatLogKeys(conversationId),
        keys.chatOnline(conversationId), Long.toString(lifetime.toMillis()), news.channel(), conversationId,
        news.processId()));
    for (Draft draft : drafts) {
      args.add(draft.key());
      args.add(StoredChatEntries.write(new ChatEntry(0, draft.key(), draft.author(), draft.reply(), at)));
    }
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
