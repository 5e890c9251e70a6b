package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStore;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tickets in Redis: one key per ticket, newest-first sorted sets per user, per order and overall.
 * A query reads the narrowest index that applies and filters the rest; over the overall index it looks
 * at the newest {@link #SCAN_WINDOW} tickets.
 */
public final class RedisTicketStore implements TicketStore {

  static final int SCAN_WINDOW = 2000;

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisTicketStore(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  @Override
  public Future<List<Ticket>> find(TicketQuery query, int limit) {
    if (query.id().isPresent()) {
      return get(query.id().get()).map(t -> t.filter(query::matches).map(List::of).orElse(List.of()));
    }
    String index;
    if (query.userId().isPresent() && query.channel().isPresent()) {
      index = keys.ticketsOfUser(query.channel().get().wireName(), query.userId().get());
    } else if (query.orderNo().isPresent()) {
      index = keys.ticketsOfOrder(query.orderNo().get());
    } else {
      index = keys.ticketsAll();
    }
    return redis.zrevrange(List.of(index, "0", Integer.toString(SCAN_WINDOW - 1))).compose(ids -> {
      if (ids == null || ids.size() == 0) {
        return Future.succeededFuture(List.of());
      }
      List<String> ticketKeys = new ArrayList<>();
      for (Response id : ids) {
        ticketKeys.add(keys.ticket(id.toString()));
      }
      return redis.mget(ticketKeys).map(bodies -> {
        List<Ticket> result = new ArrayList<>();
        for (Response body : bodies) {
          if (body != null) {
            Ticket t = StoredForms.ticket(body.toString());
            if (query.matches(t) && result.size() < limit) {
              result.add(t);
            }
          }
        }
        return result;
      });
    });
  }

  @Override
  public Future<Optional<Ticket>> get(String id) {
    return redis.get(keys.ticket(id)).map(r -> r == null ? Optional.empty() : Optional.of(StoredForms.ticket(r.toString())));
  }

  /** The overall index is scored by creation time: a range of scores is the window, exclusive at its end. */
  @Override
  public Future<List<Ticket>> createdBetween(Instant from, Instant to, int limit) {
    return redis.zrangebyscore(List.of(keys.ticketsAll(), Long.toString(from.toEpochMilli()),
        "(" + to.toEpochMilli(), "LIMIT", "0", Integer.toString(limit))).compose(ids -> {
          if (ids == null || ids.size() == 0) {
            return Future.succeededFuture(List.<Ticket>of());
          }
          List<String> ticketKeys = new ArrayList<>();
          for (Response id : ids) {
            ticketKeys.add(keys.ticket(id.toString()));
          }
          return redis.mget(ticketKeys).map(bodies -> {
            List<Ticket> result = new ArrayList<>();
            for (Response body : bodies) {
              if (body != null) {
                result.add(StoredForms.ticket(body.toString()));
              }
            }
            return result;
          });
        });
  }
}
