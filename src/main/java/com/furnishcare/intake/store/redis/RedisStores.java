package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.SurveyCodes;
import java.security.SecureRandom;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/** Opens the Redis-backed ports and checks the server answers before the gateway starts serving. */
public final class RedisStores {

  /** A web conversation's history outlives its idle conversation (7 days) with room to spare. */
  static final java.time.Duration CHAT_LOG_LIFETIME = java.time.Duration.ofDays(30);

  private static final int SUBSCRIBER_CONNECT_TIMEOUT_MS = 5_000;

  private RedisStores() {}

  /** Connects and sends PING, for {@code --check}; the answer ("PONG") or the failure. */
  public static Future<String> ping(Vertx vertx, String url) {
    RedisAPI api = RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setConnectionString(url)));
    return api.ping(List.of()).map(String::valueOf).eventually(() -> {
      api.close();
      return Future.succeededFuture();
    });
  }

  public static Future<Stores> open(Vertx vertx, String url, StoreSettings settings, String keyPrefix) {
    Redis client = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(2048));
    RedisAPI api = RedisAPI.api(client);
    RedisKeys keys = new RedisKeys(keyPrefix);
    // News between processes come on a connection of their own (a subscribed connection takes no commands).
    RedisOptions subscriberOptions = new RedisOptions().setConnectionString(url);
    subscriberOptions.getNetClientOptions().setConnectTimeout(SUBSCRIBER_CONNECT_TIMEOUT_MS);
    RedisTicketStore tickets = new RedisTicketStore(api, keys);
    return api.ping(List.of())
        .compose(pong -> tickets.buildIndexesOnce())
        .compose(built -> RedisChatBus.start(vertx, api, subscriberOptions, keys))
        .map(bus -> {
          RedisSurveyStore surveys = new RedisSurveyStore(api, keys, new SurveyCodes(new SecureRandom()),
              settings.reportFigures());
          return new Stores("redis",
            new RedisSessionStore(api, keys, settings),
            tickets,
            new RedisOutbox(api, keys),
            new RedisTokenCache(api, keys),
            new RedisDeliveryLog(api, keys),
            new RedisChatConversations(api, keys),
            new RedisCallbackNonces(api, keys),
            new RedisChatLog(api, keys, CHAT_LOG_LIFETIME),
            bus,
            new RedisSmsChatLinks(api, keys),
            new RedisAgentQueue(api, keys),
            BlobStore.unavailable(),
            new RedisAgentSessions(api, keys),
            new RedisLoginAttempts(api, keys, java.time.Duration.ofMinutes(15)),
            new RedisAuditLog(api, keys),
            surveys,
            new RedisAlertStore(api, keys),
            new RedisReports(api, keys, surveys),
            // The bus first: it takes this process out of the presence sets through the command pool.
            () -> bus.close().eventually(() -> {
              api.close();
              return Future.succeededFuture();
            }));
        })
        .onFailure(err -> api.close());
  }
}
