package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.core.TokenCache;
import com.furnishcare.intake.core.TokenCache.CachedToken;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * WxJava's config storage with the access token kept in our {@link TokenCache}, so a restart or a
 * second process on the same Redis reuses the token instead of fetching a new one (each fetch counts
 * against WeChat's daily quota and invalidates the previous token).
 *
 * <p>WxJava calls these methods from its own (worker) thread; they wait on the cache's future there,
 * never on an event loop.
 */
final class WeChatTokenStorage extends WxMpDefaultConfigImpl {

  /** Refresh a little before WeChat's expiry so a call never races the deadline. */
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(200);
  private static final long WAIT_SECONDS = 5;

  private final transient TokenCache cache;
  private final transient Clock clock;
  private final String cacheName;
  private transient volatile CachedToken local;

  WeChatTokenStorage(TokenCache cache, Clock clock, String appId) {
    this.cache = cache;
    this.clock = clock;
    this.cacheName = "wechat-access-token:" + appId;
  }

  @Override
  public String getAccessToken() {
    return current().map(CachedToken::value).orElse(null);
  }

  @Override
  public boolean isAccessTokenExpired() {
    return current().isEmpty();
  }

  @Override
  public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
    Duration lifetime = Duration.ofSeconds(expiresInSeconds).minus(SAFETY_MARGIN);
    if (lifetime.isNegative() || lifetime.isZero()) {
      lifetime = Duration.ofSeconds(Math.max(1, expiresInSeconds / 2));
    }
    CachedToken token = new CachedToken(accessToken, clock.instant().plus(lifetime));
    await(cache.put(cacheName, token));
    local = token;
  }

  /**
   * Called by WxJava when WeChat says the token is invalid (40001/40014/42001). Only drop the shared
   * token if it is the one that failed: another process may already have stored a fresh one.
   */
  @Override
  public synchronized void expireAccessToken() {
    CachedToken failed = local;
    local = null;
    Optional<CachedToken> shared = await(cache.get(cacheName));
    if (shared.isPresent() && (failed == null || Objects.equals(shared.get().value(), failed.value()))) {
      await(cache.invalidate(cacheName));
    }
  }

  private Optional<CachedToken> current() {
    CachedToken known = local;
    if (known != null && known.expiresAt().isAfter(clock.instant())) {
      return Optional.of(known);
    }
    Optional<CachedToken> shared = await(cache.get(cacheName));
    local = shared.orElse(null);
    return shared;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the token cache", e);
    } catch (Exception e) {
      throw new IllegalStateException("token cache unavailable: " + e.getMessage(), e);
    }
  }
}
