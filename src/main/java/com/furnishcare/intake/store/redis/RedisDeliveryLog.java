package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** {@link DeliveryLog} as a capped Redis list, newest first. */
public final class RedisDeliveryLog implements DeliveryLog {

  static final int CAPACITY = 10_000;

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisDeliveryLog(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<Void> record(DeliveryEvent event) {
    return redis.lpush(List.of(keys.deliveries(), StoredForms.delivery(event)))
        .compose(r -> redis.ltrim(keys.deliveries(), "0", Integer.toString(CAPACITY - 1)))
        .mapEmpty();
  }

  @Override
  public Future<List<DeliveryEvent>> recent(int limit) {
    return redis.lrange(keys.deliveries(), "0", Integer.toString(limit - 1)).map(list -> {
      List<DeliveryEvent> events = new ArrayList<>();
      for (Response item : list) {
        events.add(StoredForms.delivery(item.toString()));
      }
      return events;
    });
  }
}
