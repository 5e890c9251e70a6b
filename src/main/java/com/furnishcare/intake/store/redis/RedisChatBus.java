package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.chat.LocalChatBus;
import com.furnishcare.intake.core.ChatBus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatBus} across gateway processes sharing one Redis.
 *
 * <p><b>News.</b> {@link #publish} tells this process's pages at once ({@link LocalChatBus#deliver}) and
 * PUBLISHes {@code "<conversationId> <seq> <processId>"} on {@link RedisKeys#chatNews()}. Chat-log entries are
 * announced by the log's append script instead, in the same message form and only while a page of the
 * conversation is counted present somewhere; the writer then tells this process's pages ({@link #publishHere}),
 * and a process newly counted present delivers the log's length to its pages, covering entries appended
 * between its page opening and its presence landing. Every process
 * holds one dedicated subscriber connection (its own client, never the command pool) on that channel and
 * delivers each message to its own pages, skipping its own echo by the process id (read from the right,
 * so a conversation id may hold anything). When the subscriber connection drops (Redis restarted, network)
 * the outage is logged once, the connection is tried again with a doubling back-off, and once it is back
 * every conversation with a page here is told its log's length, so pages catch up on what they missed.
 * Publishing keeps working locally all the while. A lost notice only delays a page until its next read.
 *
 * <p><b>Presence.</b> {@link RedisKeys#chatOnline} is a sorted set per conversation: one member per
 * process that has a page of it open, scored with the member's deadline (Redis server time, milliseconds,
 * plus the lifetime of 30 s). While it has listeners, a process re-adds itself every 10 s (pushing its
 * deadline on, pruning members whose deadline passed, and extending the key's own expiry to the newest
 * deadline); when its last local listener goes it removes only its own member, so a page open on another
 * process keeps the conversation counted, and a process that dies without saying goodbye stops counting
 * when its deadline passes. {@link #anyoneListening} is true if this process has a listener, else if a
 * member's deadline is still ahead. Deadlines come from Redis's clock, so processes' clocks don't matter.
 * A conversation's presence writes go one after the other, each writing the state of that moment (member
 * or no member), so a page closed right after it opened never leaves a stale member behind.
 *
 * <p>Nothing here blocks: every Redis call is asynchronous, and the subscriber's state lives on one
 * context (the one {@link RedisStores#open} ran on or created).
 */
final class RedisChatBus implements ChatBus {

  private static final Logger LOG = LoggerFactory.getLogger(RedisChatBus.class);

  static final Duration PRESENCE_LIFETIME = Duration.ofSeconds(30);
  static final Duration PRESENCE_REFRESH = Duration.ofSeconds(10);
  private static final long FIRST_RETRY_MS = 250;
  private static final long MAX_RETRY_MS = 5_000;
  /** How long a new subscriber connection may take to confirm its SUBSCRIBE before it counts as lost. */
  private static final long SUBSCRIBE_TIMEOUT_MS = 10_000;
  /** How long closing waits for this process's presence to be removed (an unanswering Redis: it expires). */
  private static final long CLOSE_TIMEOUT_MS = 3_000;

  /**
   * KEYS: presence set, chat log. ARGV: process id, lifetime ms. Adds or refreshes this process, prunes the
   * dead. Answers whether this process was not counted before, and the log's length.
   */
  private static final String JOIN_SCRIPT = String.join("\n",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)",
      "local added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])",
      "redis.call('PEXPIRE', KEYS[1], ARGV[2])",
      "return {added, redis.call('LLEN', KEYS[2])}");

  /** KEYS: presence set. How many processes' deadlines are still ahead. */
  private static final String COUNT_SCRIPT = String.join("\n",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
      "return redis.call('ZCOUNT', KEYS[1], now, '+inf')");

  private final Vertx vertx;
  private final Context context;
  private final RedisAPI redis;
  private final Redis subscriberClient;
  private final RedisKeys keys;
  private final String channel;
  private final long lifetimeMs;
  private final String processId = UUID.randomUUID().toString();
  private final LocalChatBus local = new LocalChatBus();
  /** Per conversation, the last presence write queued (removed once it is done and nothing follows). */
  private final Map<String, Future<Void>> presenceWrites = new ConcurrentHashMap<>();
  private final Promise<Void> firstSubscription = Promise.promise();
  private final long refreshTimer;

  private volatile boolean closed;
  // Subscriber state: touched only on `context`.
  private RedisConnection subscriber;
  private boolean subscribed;
  private boolean outage;
  private long retryMs = FIRST_RETRY_MS;
  private long retryTimer = -1;
  private long subscribeTimer = -1;

  private RedisChatBus(Vertx vertx, RedisAPI redis, RedisOptions subscriberOptions, RedisKeys keys,
      Duration lifetime, Duration refresh) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.redis = redis;
    this.subscriberClient = Redis.createClient(vertx, subscriberOptions);
    this.keys = keys;
    this.channel = keys.chatNews();
    this.lifetimeMs = lifetime.toMillis();
    this.refreshTimer = vertx.setPeriodic(refresh.toMillis(), id -> local.conversations().forEach(this::writePresence));
  }

  /**
   * Starts a bus: its presence timer at once, its subscriber connection in the background. The future
   * completes when the first SUBSCRIBE is confirmed (or fails if it isn't within the timeout; then the
   * bus is closed again).
   */
  static Future<RedisChatBus> start(Vertx vertx, RedisAPI redis, RedisOptions subscriberOptions, RedisKeys keys,
      Duration lifetime, Duration refresh) {
    RedisChatBus bus = new RedisChatBus(vertx, redis, subscriberOptions, keys, lifetime, refresh);
    bus.context.runOnContext(v -> bus.connect());
    return bus.firstSubscription.future()
        .timeout(SUBSCRIBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(v -> bus)
        .recover(err -> bus.close().transform(ignored -> Future.failedFuture(err)));
  }

  static Future<RedisChatBus> start(Vertx vertx, RedisAPI redis, RedisOptions subscriberOptions, RedisKeys keys) {
    return start(vertx, redis, subscriberOptions, keys, PRESENCE_LIFETIME, PRESENCE_REFRESH);
  }

  // ---------------------------------------------------------------------------------------------- ChatBus

  @Override
  public void publish(String conversationId, long seq) {
    local.deliver(conversationId, seq);
    if (closed) {
      return;
    }
    redis.publish(channel, conversationId + " " + seq + " " + processId)
        .onFailure(err -> LOG.debug("chat news for a conversation not published to other processes: {}",
            err.toString()));
  }

  /**
   * This process's listeners only: the entry's append told the other processes already, when a page was open
   * there ({@link RedisChatLog}).
   */
  @Override
  public void publishHere(String conversationId, long seq) {
    local.deliver(conversationId, seq);
  }

  /** The channel the news go on (the chat log's announcements use it too). */
  String channel() {
    return channel;
  }

  /** How this process signs its news, to skip its own echo. */
  String processId() {
    return processId;
  }

  @Override
  public Subscription subscribe(String conversationId, LongConsumer onEntry) {
    Subscription subscription = local.subscribe(conversationId, onEntry);
    writePresence(conversationId);
    return () -> {
      subscription.close();
      writePresence(conversationId);
    };
  }

  @Override
  public Future<Boolean> anyoneListening(String conversationId) {
    if (local.listening(conversationId)) {
      return Future.succeededFuture(true);
    }
    return redis.eval(List.of(COUNT_SCRIPT, "1", keys.chatOnline(conversationId)))
        .map(count -> count != null && count.toLong() > 0);
  }

  /** Stops refreshing, takes this process out of every conversation it was counted in, unsubscribes. */
  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      if (closed) {
        done.complete();
        return;
      }
      closed = true;
      vertx.cancelTimer(refreshTimer);
      cancelTimers();
      firstSubscription.tryFail("the chat bus was closed");
      Set<String> conversations = new HashSet<>(local.conversations());
      conversations.addAll(presenceWrites.keySet());
      List<Future<Void>> leaving = new ArrayList<>();
      // Queued behind any write in flight; with `closed` set each one removes this process's member.
      conversations.forEach(id -> leaving.add(writePresence(id)));
      RedisConnection connection = subscriber;
      subscriber = null;
      Future.join(leaving)
          .timeout(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .transform(ignored -> connection == null ? Future.<Void>succeededFuture() : connection.close())
          .transform(ignored -> subscriberClient.close())
          .onComplete(ignored -> done.complete());
    });
    return done.future();
  }

  // ---------------------------------------------------------------------------------------------- presence

  /**
   * Queues a write of this process's presence in the conversation, behind any write still in flight for
   * it; the write looks at the listeners when its turn comes. Failures are left to the next refresh.
   */
  private Future<Void> writePresence(String conversationId) {
    Future<Void> queued = presenceWrites.compute(conversationId, (id, previous) ->
        (previous == null ? Future.<Void>succeededFuture() : previous).transform(ignored -> presenceNow(id)));
    queued.onComplete(ignored -> presenceWrites.remove(conversationId, queued));
    return queued;
  }

  private Future<Void> presenceNow(String conversationId) {
    String key = keys.chatOnline(conversationId);
    Future<?> write = !closed && local.listening(conversationId)
        ? redis.eval(List.of(JOIN_SCRIPT, "2", key, keys.chatLog(conversationId), processId,
            Long.toString(lifetimeMs))).onSuccess(joined -> {
              // Newly counted: entries appended elsewhere between the page opening and this join were not
              // announced (nobody was counted yet); the log's length makes the pages here read them.
              if (joined.get(0).toLong() == 1 && joined.get(1).toLong() > 0) {
                local.deliver(conversationId, joined.get(1).toLong());
              }
            })
        : redis.zrem(List.of(key, processId));
    return write.<Void>mapEmpty().recover(err -> {
      LOG.debug("chat presence not written (the next refresh tries again): {}", err.toString());
      return Future.succeededFuture();
    });
  }

  // -------------------------------------------------------------------------------------------- subscriber

  /** On `context`: opens a subscriber connection and asks for the channel. */
  private void connect() {
    if (closed) {
      return;
    }
    subscriberClient.connect().onComplete(ar -> context.runOnContext(v -> {
      if (ar.failed()) {
        lost(null, ar.cause());
        return;
      }
      RedisConnection connection = ar.result();
      if (closed) {
        connection.close();
        return;
      }
      subscriber = connection;
      subscribed = false;
      connection.handler(message -> context.runOnContext(x -> onMessage(connection, message)));
      connection.endHandler(x -> context.runOnContext(y -> lost(connection, null)));
      connection.exceptionHandler(err -> context.runOnContext(y -> lost(connection, err)));
      // The confirmation usually arrives as a "subscribe" message (a RESP3 push, or a RESP2 array with no
      // command waiting); if the client hands it to the command instead, it is taken from here.
      connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onComplete(sent -> context.runOnContext(y -> {
        if (sent.failed()) {
          lost(connection, sent.cause());
        } else if (sent.result() != null && subscriber == connection) {
          onSubscribed();
        }
      }));
      subscribeTimer = vertx.setTimer(SUBSCRIBE_TIMEOUT_MS, id -> {
        subscribeTimer = -1;
        if (subscriber == connection && !subscribed) {
          lost(connection, new IllegalStateException("SUBSCRIBE was not confirmed"));
        }
      });
    }));
  }

  /** On `context`: a message on the subscriber connection (a confirmation or news). */
  private void onMessage(RedisConnection connection, Response message) {
    if (closed || connection != subscriber || message == null
        || (message.type() != ResponseType.PUSH && message.type() != ResponseType.MULTI) || message.size() < 3) {
      return;
    }
    String kind = String.valueOf(message.get(0));
    if (!channel.equals(String.valueOf(message.get(1)))) {
      return;
    }
    if ("subscribe".equalsIgnoreCase(kind)) {
      onSubscribed();
    } else if ("message".equalsIgnoreCase(kind)) {
      onNews(String.valueOf(message.get(2)));
    }
  }

  private void onSubscribed() {
    if (subscribed) {
      return;
    }
    subscribed = true;
    retryMs = FIRST_RETRY_MS;
    if (subscribeTimer != -1) {
      vertx.cancelTimer(subscribeTimer);
      subscribeTimer = -1;
    }
    firstSubscription.tryComplete();
    if (outage) {
      outage = false;
      LOG.info("chat news: subscribed to Redis again; pages here catch up on entries from other processes");
      catchUp();
    }
  }

  /** "<conversationId> <seq> <processId>": delivered here unless this process sent it. */
  private void onNews(String text) {
    int lastSpace = text.lastIndexOf(' ');
    int seqSpace = lastSpace > 0 ? text.lastIndexOf(' ', lastSpace - 1) : -1;
    if (seqSpace <= 0) {
      LOG.debug("chat news ignored (not '<conversation> <seq> <process>'): {}", text);
      return;
    }
    if (text.substring(lastSpace + 1).equals(processId)) {
      return;
    }
    long seq;
    try {
      seq = Long.parseLong(text.substring(seqSpace + 1, lastSpace));
    } catch (NumberFormatException e) {
      LOG.debug("chat news ignored (bad number): {}", text);
      return;
    }
    local.deliver(text.substring(0, seqSpace), seq);
  }

  /**
   * After an outage: tells each conversation with a page here its log's length, so its pages read what
   * other processes appended meanwhile (a page reads after its last sent entry, so a number it has is harmless).
   * Presence is written again too (a restarted Redis has lost it).
   */
  private void catchUp() {
    for (String conversationId : local.conversations()) {
      writePresence(conversationId);
      redis.llen(keys.chatLog(conversationId)).onSuccess(length -> {
        if (length != null && length.toLong() > 0) {
          local.deliver(conversationId, length.toLong());
        }
      });
    }
  }

  /** On `context`: the subscriber connection failed or could not be made; try again after the back-off. */
  private void lost(RedisConnection connection, Throwable cause) {
    if (closed || (connection != null && connection != subscriber)) {
      return;
    }
    if (connection != null) {
      subscriber = null;
      subscribed = false;
      connection.close();
    }
    cancelTimers();
    if (!outage) {
      outage = true;
      LOG.warn("chat news: lost the Redis subscription ({}); retrying, meanwhile pages here hear only of entries "
          + "made on this process", cause == null ? "connection closed" : cause.toString());
    }
    long delay = retryMs;
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    retryTimer = vertx.setTimer(delay, id -> {
      retryTimer = -1;
      connect();
    });
  }

  private void cancelTimers() {
    if (retryTimer != -1) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
    if (subscribeTimer != -1) {
      vertx.cancelTimer(subscribeTimer);
      subscribeTimer = -1;
    }
  }
}
