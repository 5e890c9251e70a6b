package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.SurveyCodes;
import java.security.SecureRandom;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/** Opens the Redis-backed ports and checks the server answers before the gateway starts serving. */
public final class RedisStores {

  /** A web conversation's history outlives its idle conversation (7 days) with room to spare. */
  static final java.time.Duration CHAT_LOG_LIFETIME = java.time.Duration.ofDays(30);

  private static final int SUBSCRIBER_CONNECT_TIMEOUT_MS = 5_000;

  private RedisStores() {}

  /**
   * Connects and sends PING, for {@code --check}; the answer ("PONG", with "(Redis Cluster)" when the target is
   * one) or the failure. On a cluster the client first reads the slot map, so every master must answer.
   */
  public static Future<String> ping(Vertx vertx, String url) {
    return target(vertx, url).compose(cluster -> {
      RedisAPI api = RedisAPI.api(Redis.createClient(vertx, options(url, cluster)));
      return api.ping(List.of()).map(pong -> pong + (cluster ? " (Redis Cluster)" : "")).eventually(() -> {
        api.close();
        return Future.succeededFuture();
      });
    });
  }

  /**
   * Where the stores live: {@code url} is one {@code redis://} URL (a single server, or any node of a Redis
   * Cluster: asked with {@code INFO cluster}), or several comma-separated ones (the nodes of a cluster, from
   * {@code REDIS_CLUSTER_NODES}). On a cluster the keys take their hash-tagged names ({@link RedisKeys#cluster}).
   */
  public static Future<Stores> open(Vertx vertx, String url, StoreSettings settings, String keyPrefix) {
    return target(vertx, url).compose(cluster -> open(vertx, url, cluster, settings, keyPrefix));
  }

  /** The node URLs in a comma-separated list (one for a plain REDIS_URL). */
  static List<String> nodes(String urls) {
    List<String> nodes = new java.util.ArrayList<>();
    for (String part : urls.split(",")) {
      if (!part.isBlank()) {
        nodes.add(part.strip());
      }
    }
    return nodes;
  }

  /**
   * Whether the target is a cluster: several nodes are; one URL is if its server says {@code cluster_enabled:1}.
   * A server that refuses INFO (renamed on some managed services) counts as a single server; one that cannot be
   * reached is left to the caller's PING to report.
   */
  static Future<Boolean> target(Vertx vertx, String urls) {
    List<String> nodes = nodes(urls);
    if (nodes.size() > 1) {
      return Future.succeededFuture(true);
    }
    RedisOptions probeOptions = new RedisOptions().setConnectionString(nodes.isEmpty() ? urls : nodes.get(0));
    probeOptions.getNetClientOptions().setConnectTimeout(SUBSCRIBER_CONNECT_TIMEOUT_MS);
    RedisAPI probe = RedisAPI.api(Redis.createClient(vertx, probeOptions));
    return probe.info(List.of("cluster"))
        .map(info -> info != null && info.toString().contains("cluster_enabled:1"))
        .otherwise(false)
        .eventually(() -> {
          probe.close();
          return Future.succeededFuture();
        });
  }

  /** Client options for the target: the cluster client (slot map, MOVED/ASK, failover) or a single server's. */
  static RedisOptions options(String urls, boolean cluster) {
    List<String> nodes = nodes(urls);
    RedisOptions options = new RedisOptions();
    if (cluster) {
      options.setType(RedisClientType.CLUSTER).setEndpoints(new java.util.ArrayList<>(nodes));
    } else {
      options.setConnectionString(nodes.isEmpty() ? urls : nodes.get(0));
    }
    return options;
  }

  private static Future<Stores> open(Vertx vertx, String url, boolean cluster, StoreSettings settings,
      String keyPrefix) {
    RedisOptions clientOptions = options(url, cluster)
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(2048);
    // On a single server each event loop sends its commands on a pipelined connection of its own (LoopLocalRedis of
    // PipelinedConnection); the cluster client shares one pipelined connection, whose hops between loops are the
    // price of its deadlock fix.
    Redis client = cluster ? PipelinedConnection.toCluster(vertx, clientOptions)
        // GatewayMain starts Vert.x with its default options, hence its default number of event loops.
        : new LoopLocalRedis(() -> PipelinedConnection.toServer(vertx, clientOptions),
            VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    RedisAPI api = RedisAPI.api(client);
    RedisKeys keys = cluster ? RedisKeys.cluster(keyPrefix) : RedisKeys.standalone(keyPrefix);
    // News between processes come on a connection of their own (a subscribed connection takes no commands). On a
    // cluster it is a cluster connection: SUBSCRIBE goes to one master, and a PUBLISH on any node reaches it.
    RedisOptions subscriberOptions = options(url, cluster);
    subscriberOptions.getNetClientOptions().setConnectTimeout(SUBSCRIBER_CONNECT_TIMEOUT_MS);
    RedisTicketStore tickets = new RedisTicketStore(api, keys);
    return api.ping(List.of())
        .compose(pong -> tickets.buildIndexesOnce())
        .compose(built -> RedisChatBus.start(vertx, api, subscriberOptions, keys))
        .map(bus -> {
          RedisSurveyStore surveys = new RedisSurveyStore(api, keys, new SurveyCodes(new SecureRandom()),
              settings.reportFigures());
          RedisChatLog chatLog = new RedisChatLog(api, keys, CHAT_LOG_LIFETIME, bus);
          RedisCallbackNonces nonces = new RedisCallbackNonces(api, keys);
          return new Stores("redis",
            new RedisSessionStore(api, keys, settings, chatLog, nonces),
            tickets,
            new RedisOutbox(api, keys),
            new RedisTokenCache(api, keys),
            new RedisDeliveryLog(api, keys),
            new RedisChatConversations(api, keys),
            nonces,
            chatLog,
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
