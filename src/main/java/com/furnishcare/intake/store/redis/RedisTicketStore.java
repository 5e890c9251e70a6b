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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tickets in Redis: one key per ticket and sorted sets scored by creation time, per user, order, phone, status
 * and overall, all written (and the status and phone ones moved) by the commit script with the ticket. A query
 * reads the smallest index its filters allow (the overall one when none does), newest first, and filters the
 * rest in memory until it has {@code limit} tickets or the index ends. Its first page is {@code limit} ids, each
 * next one twice the last, up to {@link #PAGE}: a query its index answers alone (an order's tickets) reads
 * exactly the tickets it returns — a repeat-complaint check asks for one, and read 500 stored tickets before —
 * and a filtered one still reaches big pages after a few rounds.
 */
public final class RedisTicketStore implements TicketStore {

  static final int PAGE = 500;

  /**
   * Puts one page (ARGV[4], ARGV[5]: ranks) of the overall index into the status and phone indexes, read from
   * each ticket's stored body in the same script, so a ticket changed meanwhile is indexed as it is now.
   * ARGV[1..3]: ticket key prefix, status and phone index prefixes; KEYS[1]: the overall index. Answers how
   * many ids the page held.
   */
  private static final String BACKFILL_SCRIPT = String.join("\n",
      "local page = redis.call('ZRANGE', KEYS[1], ARGV[4], ARGV[5], 'WITHSCORES')",
      "for i = 1, #page, 2 do",
      "  local id, score = page[i], page[i + 1]",
      "  local body = redis.call('GET', ARGV[1] .. id)",
      "  if body then",
      "    local ok, t = pcall(cjson.decode, body)",
      "    if ok and type(t) == 'table' then",
      "      if type(t['status']) == 'string' then redis.call('ZADD', ARGV[2] .. t['status'], score, id) end",
      "      if type(t['phone']) == 'string' and t['phone'] ~= '' then",
      "        redis.call('ZADD', ARGV[3] .. t['phone'], score, id)",
      "      end",
      "    end",
      "  end",
      "end",
      "return #page / 2");

  private final RedisAPI redis;
  private final RedisKeys keys;

  RedisTicketStore(RedisAPI redis, RedisKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  /**
   * Tickets stored before the status and phone indexes existed (or, for the status index, before this version)
   * are put into them once, page by page; a marker key records that it was done. Idempotent: two processes
   * starting at once both walk the index, with the same result.
   */
  Future<Void> buildIndexesOnce() {
    return redis.get(keys.ticketIndexesBuilt()).compose(done -> done != null ? Future.succeededFuture()
        : backfillFrom(0).compose(v -> redis.set(List.of(keys.ticketIndexesBuilt(), "1"))).mapEmpty());
  }

  private Future<Void> backfillFrom(long start) {
    return redis.eval(List.of(BACKFILL_SCRIPT, "1", keys.ticketsAll(), keys.ticket(""), keys.ticketsOfStatusPrefix(),
            keys.ticketsOfPhonePrefix(), Long.toString(start), Long.toString(start + PAGE - 1)))
        .compose(count -> count.toInteger() < PAGE ? Future.succeededFuture() : backfillFrom(start + PAGE));
  }

  @Override
  public Future<List<Ticket>> find(TicketQuery query, int limit) {
    if (query.id().isPresent()) {
      return get(query.id().get()).map(t -> t.filter(query::matches).map(List::of).orElse(List.of()));
    }
    if (limit <= 0) {
      return Future.succeededFuture(List.of());
    }
    List<String> candidates = new ArrayList<>();
    if (query.userId().isPresent() && query.channel().isPresent()) {
      candidates.add(keys.ticketsOfUser(query.channel().get().wireName(), query.userId().get()));
    }
    query.orderNo().ifPresent(o -> candidates.add(keys.ticketsOfOrder(o)));
    query.phone().ifPresent(p -> candidates.add(keys.ticketsOfPhone(p)));
    query.status().ifPresent(s -> candidates.add(keys.ticketsOfStatus(s.wireName())));
    Future<String> index = switch (candidates.size()) {
      case 0 -> Future.succeededFuture(keys.ticketsAll());
      case 1 -> Future.succeededFuture(candidates.get(0));
      default -> smallest(candidates);
    };
    return index.compose(key -> walk(new Walk(key, query, limit), Double.POSITIVE_INFINITY, 0, Math.min(PAGE, limit)));
  }

  /** The index with the fewest ids (the most selective filter). */
  private Future<String> smallest(List<String> candidates) {
    List<Future<Response>> sizes = new ArrayList<>();
    for (String key : candidates) {
      sizes.add(redis.zcard(key));
    }
    return Future.all(sizes).map(done -> {
      int best = 0;
      for (int i = 1; i < candidates.size(); i++) {
        if (sizes.get(i).result().toLong() < sizes.get(best).result().toLong()) {
          best = i;
        }
      }
      return candidates.get(best);
    });
  }

  /** One query's walk down an index: the matches so far and the ids already looked at. */
  private record Walk(String index, TicketQuery query, int limit, List<Ticket> found, Set<String> seen) {
    Walk(String index, TicketQuery query, int limit) {
      this(index, query, limit, new ArrayList<>(), new HashSet<>());
    }
  }

  /**
   * The next page: {@code size} ids scored at most {@code max} (inclusive, so tickets created in the same
   * millisecond across a page boundary are not lost), skipping the {@code tied} ones at exactly {@code max}
   * already seen. Paging by score rather than by rank means tickets filed or moved meanwhile shift no page.
   */
  private Future<List<Ticket>> walk(Walk w, double max, int tied, int size) {
    String top = max == Double.POSITIVE_INFINITY ? "+inf" : Long.toString((long) max);
    return redis.zrevrangebyscore(List.of(w.index(), top, "-inf", "WITHSCORES", "LIMIT", Integer.toString(tied),
        Integer.toString(size))).compose(page -> {
          List<String> ids = new ArrayList<>();
          List<Double> scores = new ArrayList<>();
          readPage(page, ids, scores);
          if (ids.isEmpty()) {
            return Future.succeededFuture(w.found());
          }
          List<String> ticketKeys = new ArrayList<>();
          for (String id : ids) {
            ticketKeys.add(keys.ticket(id));
          }
          return redis.mget(ticketKeys).compose(bodies -> {
            for (int i = 0; i < ids.size() && w.found().size() < w.limit(); i++) {
              Response body = bodies.get(i);
              if (body != null && w.seen().add(ids.get(i))) {
                Ticket t = StoredForms.ticket(body.toString());
                if (w.query().matches(t)) {
                  w.found().add(t);
                }
              }
            }
            if (w.found().size() >= w.limit() || ids.size() < size) {
              return Future.succeededFuture(w.found());
            }
            double last = scores.get(scores.size() - 1);
            int sameAsLast = 0;
            for (int i = scores.size() - 1; i >= 0 && scores.get(i) == last; i--) {
              sameAsLast++;
            }
            return walk(w, last, last == max ? tied + sameAsLast : sameAsLast, Math.min(PAGE, size * 2));
          });
        });
  }

  /** WITHSCORES answers pairs under RESP3 and a flat id, score, id, score… list under RESP2. */
  private static void readPage(Response page, List<String> ids, List<Double> scores) {
    if (page == null) {
      return;
    }
    int n = page.size();
    if (n > 0 && page.get(0).type() == io.vertx.redis.client.ResponseType.MULTI) {
      for (Response pair : page) {
        ids.add(pair.get(0).toString());
        scores.add(Double.parseDouble(pair.get(1).toString()));
      }
    } else {
      for (int i = 0; i + 1 < n; i += 2) {
        ids.add(page.get(i).toString());
        scores.add(Double.parseDouble(page.get(i + 1).toString()));
      }
    }
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
