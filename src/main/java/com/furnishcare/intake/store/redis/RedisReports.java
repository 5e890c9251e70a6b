package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.report.CellKey;
import com.furnishcare.intake.report.Counters;
import com.furnishcare.intake.report.ReportDelta;
import com.furnishcare.intake.report.ReportRecount;
import com.furnishcare.intake.report.ReportStore;
import com.furnishcare.intake.report.SurveyFigures;
import com.furnishcare.intake.store.StoredForms;
import com.furnishcare.intake.store.StoredSurveys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The report aggregates in Redis: one hash per day ({@code report:cells:<day>}, dims → counts), one hash of
 * day versions, one of re-complaint facts. The writes happen inside the ticket and survey scripts (see
 * {@link #LUA} and {@link #deltaArgs}), so a ticket and its figures change in one atomic step.
 */
final class RedisReports implements ReportStore {

  /**
   * Lua shared by the scripts that write figures. {@code report_merge} adds a delta ("name:n,name:n") to one
   * cell's counts, deleting a cell that nets to nothing; {@code report_apply(at)} reads, from ARGV[at], the
   * versions key, a count and that many (cell hash, dims, delta, day) groups, applies them, bumps each day's
   * version, and returns the ARGV index after the segment.
   */
  static final String LUA = """
      local function report_merge(key, field, delta)
        local t = {}
        local cur = redis.call('HGET', key, field)
        if cur then
          for k, v in string.gmatch(cur, '([^,]+):(%-?%d+)') do t[k] = tonumber(v) end
        end
        for k, v in string.gmatch(delta, '([^,]+):(%-?%d+)') do t[k] = (t[k] or 0) + tonumber(v) end
        local names = {}
        for k, v in pairs(t) do if v ~= 0 then names[#names + 1] = k end end
        if #names == 0 then
          redis.call('HDEL', key, field)
          return
        end
        table.sort(names)
        local parts = {}
        for i, k in ipairs(names) do parts[i] = k .. ':' .. string.format('%d', t[k]) end
        redis.call('HSET', key, field, table.concat(parts, ','))
      end
      local function report_apply(at)
        local versions = ARGV[at]
        local n = tonumber(ARGV[at + 1])
        for i = 0, n - 1 do
          local b = at + 2 + i * 4
          report_merge(ARGV[b], ARGV[b + 1], ARGV[b + 2])
          redis.call('HINCRBY', versions, ARGV[b + 3], 1)
        end
        return at + 2 + n * 4
      end
      """;

  /** A day's version and its cells, read together. KEYS: versions, day hash; ARGV: day. */
  private static final String DAY_SCRIPT =
      "return {redis.call('HGET', KEYS[1], ARGV[1]) or '0', redis.call('HGETALL', KEYS[2])}";

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final RedisSurveyStore surveys;

  RedisReports(RedisAPI redis, RedisKeys keys, RedisSurveyStore surveys) {
    this.redis = redis;
    this.keys = keys;
    this.surveys = surveys;
  }

  /** The segment {@link #LUA}'s {@code report_apply} reads. */
  static void deltaArgs(List<String> args, RedisKeys keys, ReportDelta delta) {
    args.add(keys.reportVersions());
    args.add(Integer.toString(delta.cells().size()));
    delta.cells().forEach((cell, counts) -> {
      args.add(keys.reportDay(cell.day().toString()));
      args.add(cell.dims());
      args.add(counts.encode());
      args.add(cell.day().toString());
    });
  }

  /**
   * A batch of sent (and maybe answered) surveys, then the figures. ARGV: job count, then per job: job key,
   * body, outcome, finished-at, response key, channel, started, completed ('' if not), answers key, order key,
   * id, answer count, then question/body pairs; then the delta segment. KEYS: the responses index.
   */
  private static final String IMPORT_SCRIPT = LUA + """
      local n = tonumber(ARGV[1])
      local at = 2
      local starts = {}
      for j = 1, n do
        if redis.call('EXISTS', ARGV[at]) == 1 then return redis.error_reply('DUPLICATE_JOB') end
        starts[j] = at
        at = at + 12 + tonumber(ARGV[at + 11]) * 2
      end
      for j = 1, n do
        local b = starts[j]
        redis.call('HSET', ARGV[b], 'body', ARGV[b + 1], 'outcome', ARGV[b + 2], 'finishedAt', ARGV[b + 3])
        if ARGV[b + 6] ~= '' then
          redis.call('HSET', ARGV[b + 4], 'channel', ARGV[b + 5], 'started', ARGV[b + 6])
          if ARGV[b + 7] ~= '' then redis.call('HSET', ARGV[b + 4], 'completed', ARGV[b + 7]) end
          redis.call('ZADD', KEYS[1], ARGV[b + 6], ARGV[b + 10])
          for q = 0, tonumber(ARGV[b + 11]) - 1 do
            redis.call('HSET', ARGV[b + 8], ARGV[b + 12 + q * 2], ARGV[b + 13 + q * 2])
            redis.call('RPUSH', ARGV[b + 9], ARGV[b + 12 + q * 2])
          end
        end
      end
      report_apply(at)
      return n""";

  @Override
  public Future<Void> importSurveys(List<ImportedSurvey> batch) {
    List<String> args = new ArrayList<>(List.of(IMPORT_SCRIPT, "1", keys.surveyResponses(),
        Integer.toString(batch.size())));
    ReportDelta figures = new ReportDelta();
    for (ImportedSurvey s : batch) {
      String id = s.job().id();
      Optional<SurveyResponse> r = s.response();
      args.addAll(List.of(keys.surveyJob(id), StoredSurveys.job(s.job()),
          StoredSurveys.outcome(SurveyOutcome.sent(s.channel()), s.sentAt()), Long.toString(s.sentAt().toEpochMilli()),
          keys.surveyResponse(id), r.map(SurveyResponse::channel).orElse(""),
          r.map(x -> Long.toString(x.startedAt().toEpochMilli())).orElse(""),
          r.flatMap(SurveyResponse::completedAt).map(x -> Long.toString(x.toEpochMilli())).orElse(""),
          keys.surveyAnswers(id), keys.surveyAnswerOrder(id), id,
          Integer.toString(r.map(x -> x.answers().size()).orElse(0))));
      r.ifPresent(x -> x.answers().forEach(a -> {
        args.add(a.questionId());
        args.add(StoredSurveys.answer(a));
      }));
      figures.add(SurveyFigures.sent(s.job(), s.sentAt()), 1);
      r.ifPresent(x -> ReportRecount.add(figures, x));
    }
    deltaArgs(args, keys, figures);
    return redis.eval(args).mapEmpty();
  }

  /** Fields per HSET while a rebuild writes a day's new hash; days per swap script. */
  private static final int REBUILD_FIELDS = 1000;
  private static final int REBUILD_DAYS = 50;

  /** ARGV: pairs of ticket id, earlier id; sets those not set yet, answers how many. KEYS[1]: the facts. */
  private static final String RECOMPLAINTS_SCRIPT = """
      local added = 0
      for i = 1, #ARGV, 2 do added = added + redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
      return added""";

  /**
   * One page of a rebuild's swap. KEYS[1]: versions; ARGV: triples of new (temporary) key, day key, day: the new
   * hash renamed over the day's (or, when the day has no cells any more, the day's deleted) and its version
   * bumped, each day in one step.
   */
  private static final String SWAP_SCRIPT = """
      for i = 1, #ARGV, 3 do
        if redis.call('EXISTS', ARGV[i]) == 1 then
          redis.call('RENAME', ARGV[i], ARGV[i + 1])
        else
          redis.call('DEL', ARGV[i + 1])
        end
        redis.call('HINCRBY', KEYS[1], ARGV[i + 2], 1)
      end
      return #ARGV / 3""";

  @Override
  public Future<Integer> recordRecomplaints(Map<String, String> earlierOf) {
    List<Map.Entry<String, String>> all = new ArrayList<>(earlierOf.entrySet());
    int[] added = {0};
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < all.size(); from += REBUILD_FIELDS) {
      List<Map.Entry<String, String>> page = all.subList(from, Math.min(all.size(), from + REBUILD_FIELDS));
      chain = chain.compose(v -> {
        List<String> args = new ArrayList<>(List.of(RECOMPLAINTS_SCRIPT, "1", keys.reportRecomplaints()));
        page.forEach(e -> {
          args.add(e.getKey());
          args.add(e.getValue());
        });
        return redis.eval(args).map(r -> {
          added[0] += r.toInteger();
          return (Void) null;
        });
      });
    }
    return chain.map(v -> added[0]);
  }

  /**
   * The new hashes are written under temporary keys (invisible to readers), then swapped in
   * {@link #REBUILD_DAYS} days per script: each day's hash and version change together, so a reader never sees
   * a day half rebuilt; a dashboard read during the swap (milliseconds) may add up some days old and some new.
   * If writing fails, the temporary keys are deleted and the old cells stay.
   */
  @Override
  public Future<Rebuilt> replaceCells(SortedMap<LocalDate, Map<String, Counters>> byDay) {
    String token = UUID.randomUUID().toString();
    long[] cells = {0};
    List<String> temporary = new ArrayList<>();
    // One day's pages are laid out when the previous day is written, so no callback walks every cell.
    Future<Void> written = Future.succeededFuture();
    for (Map.Entry<LocalDate, Map<String, Counters>> day : byDay.entrySet()) {
      String tmp = keys.reportRebuildDay(token, day.getKey().toString());
      written = written.compose(v -> writeDay(tmp, day.getValue(), temporary, cells));
    }
    Future<Void> ready = written;
    return ready.recover(err -> deleteAll(temporary).transform(x -> Future.failedFuture(err)))
        .compose(v -> allDays())
        .compose(old -> {
          TreeMap<LocalDate, Boolean> touched = new TreeMap<>();
          old.forEach(d -> touched.put(d, true));
          byDay.keySet().forEach(d -> touched.put(d, true));
          List<LocalDate> days = new ArrayList<>(touched.keySet());
          Future<Void> swapped = Future.succeededFuture();
          for (int from = 0; from < days.size(); from += REBUILD_DAYS) {
            List<LocalDate> page = days.subList(from, Math.min(days.size(), from + REBUILD_DAYS));
            swapped = swapped.compose(v -> {
              List<String> args = new ArrayList<>(List.of(SWAP_SCRIPT, "1", keys.reportVersions()));
              for (LocalDate d : page) {
                args.add(keys.reportRebuildDay(token, d.toString()));
                args.add(keys.reportDay(d.toString()));
                args.add(d.toString());
              }
              return redis.eval(args).mapEmpty();
            });
          }
          return swapped.map(v -> new Rebuilt(cells[0], temporary.size(), days.size()));
        });
  }

  /** A day's new cells into its temporary hash, {@link #REBUILD_FIELDS} fields per HSET, one after another. */
  private Future<Void> writeDay(String tmp, Map<String, Counters> day, List<String> temporary, long[] cells) {
    List<String> fields = new ArrayList<>();
    day.forEach((dims, counts) -> {
      if (!counts.isEmpty()) {
        fields.add(dims);
        fields.add(counts.encode());
      }
    });
    if (fields.isEmpty()) {
      return Future.succeededFuture();
    }
    temporary.add(tmp);
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < fields.size(); from += 2 * REBUILD_FIELDS) {
      List<String> args = new ArrayList<>(List.of(tmp));
      args.addAll(fields.subList(from, Math.min(fields.size(), from + 2 * REBUILD_FIELDS)));
      chain = chain.compose(v -> redis.hset(args).mapEmpty());
    }
    cells[0] += fields.size() / 2;
    return chain;
  }

  private Future<Void> deleteAll(List<String> temporary) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < temporary.size(); from += REBUILD_DAYS) {
      List<String> page = temporary.subList(from, Math.min(temporary.size(), from + REBUILD_DAYS));
      chain = chain.compose(v -> redis.del(page).mapEmpty());
    }
    return chain;
  }

  @Override
  public Future<Map<LocalDate, Long>> versions(LocalDate from, LocalDate to) {
    List<String> args = new ArrayList<>(List.of(keys.reportVersions()));
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
      args.add(d.toString());
    }
    return redis.hmget(args).map(r -> {
      Map<LocalDate, Long> out = new TreeMap<>();
      for (int i = 0; i < days.size(); i++) {
        if (r.get(i) != null) {
          out.put(days.get(i), r.get(i).toLong());
        }
      }
      return out;
    });
  }

  @Override
  public Future<Map<LocalDate, Day>> days(List<LocalDate> days) {
    List<Future<Response>> reads = new ArrayList<>();
    for (LocalDate day : days) {
      reads.add(redis.eval(List.of(DAY_SCRIPT, "2", keys.reportVersions(), keys.reportDay(day.toString()),
          day.toString())));
    }
    return Future.all(reads).map(done -> {
      Map<LocalDate, Day> out = new TreeMap<>();
      for (int i = 0; i < days.size(); i++) {
        Response r = reads.get(i).result();
        Response flat = r.get(1);
        Map<String, Counters> cells = new HashMap<>(flat.size());
        for (int j = 0; j + 1 < flat.size(); j += 2) {
          cells.put(flat.get(j).toString(), Counters.decode(flat.get(j + 1).toString()));
        }
        out.put(days.get(i), new Day(Long.parseLong(r.get(0).toString()), cells));
      }
      return out;
    });
  }

  private Future<List<LocalDate>> allDays() {
    return redis.hkeys(keys.reportVersions()).map(r -> {
      List<LocalDate> days = new ArrayList<>();
      for (Response d : r) {
        days.add(LocalDate.parse(d.toString()));
      }
      days.sort(null);
      return days;
    });
  }

  @Override
  public Future<Map<CellKey, Counters>> allCells() {
    return allDays().compose(this::days).map(byDay -> {
      Map<CellKey, Counters> out = new TreeMap<>();
      byDay.forEach((day, d) -> d.cells().forEach((dims, c) -> out.put(new CellKey(day, dims), c)));
      return out;
    });
  }

  @Override
  public Future<Footprint> footprint() {
    return allDays().compose(days -> {
      List<Future<Response>> sizes = new ArrayList<>();
      List<Future<Response>> lengths = new ArrayList<>();
      for (LocalDate day : days) {
        String key = keys.reportDay(day.toString());
        sizes.add(redis.memory(List.of("USAGE", key, "SAMPLES", "0")));
        lengths.add(redis.hlen(key));
      }
      sizes.add(redis.memory(List.of("USAGE", keys.reportVersions(), "SAMPLES", "0")));
      sizes.add(redis.memory(List.of("USAGE", keys.reportRecomplaints(), "SAMPLES", "0")));
      return Future.all(new ArrayList<Future<?>>(sizes)).compose(a -> Future.all(new ArrayList<Future<?>>(lengths)))
          .map(b -> {
            long bytes = 0;
            for (Future<Response> s : sizes) {
              bytes += s.result() == null ? 0 : s.result().toLong();
            }
            long cells = 0;
            for (Future<Response> l : lengths) {
              cells += l.result().toLong();
            }
            return new Footprint(cells, days.size() + 2L, bytes);
          });
    });
  }

  @Override
  public Future<Page<FiledTicket>> tickets(String cursor, int limit) {
    int offset = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
    return redis.zrange(List.of(keys.ticketsAll(), Integer.toString(offset), Integer.toString(offset + limit - 1)))
        .compose(ids -> {
          if (ids.size() == 0) {
            return Future.succeededFuture(new Page<FiledTicket>(List.of(), Optional.empty()));
          }
          List<String> ticketKeys = new ArrayList<>();
          List<String> hmget = new ArrayList<>(List.of(keys.reportRecomplaints()));
          for (Response id : ids) {
            ticketKeys.add(keys.ticket(id.toString()));
            hmget.add(id.toString());
          }
          Future<Response> bodies = redis.mget(ticketKeys);
          Future<Response> repeats = redis.hmget(hmget);
          return Future.all(bodies, repeats).map(done -> {
            List<FiledTicket> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
              Response body = bodies.result().get(i);
              if (body != null) {
                out.add(new FiledTicket(StoredForms.ticket(body.toString()), repeats.result().get(i) != null));
              }
            }
            return new Page<>(out, ids.size() < limit ? Optional.empty() : Optional.of(Integer.toString(offset + limit)));
          });
        });
  }

  /** SCAN on the node holding KEYS[1]'s slot (the key itself is not read). ARGV: cursor, pattern, count. */
  private static final String SCAN_SCRIPT =
      "return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])";

  @Override
  public Future<Page<SentSurvey>> sentSurveys(String cursor, int limit) {
    List<String> scan = List.of(cursor.isEmpty() ? "0" : cursor, "MATCH", keys.surveyJobPrefix() + "*", "COUNT",
        Integer.toString(limit));
    // A cluster client sends a keyless SCAN to any node; run in a script keyed in the jobs' slot, it scans their node.
    Future<Response> page = keys.cluster()
        ? redis.eval(List.of(SCAN_SCRIPT, "1", keys.surveyJobPrefix(), scan.get(0), scan.get(2), scan.get(4)))
        : redis.scan(scan);
    return page.compose(r -> {
          String next = r.get(0).toString();
          List<Future<Response>> jobs = new ArrayList<>();
          for (Response key : r.get(1)) {
            jobs.add(redis.hmget(List.of(key.toString(), "body", "outcome", "finishedAt")));
          }
          return Future.all(new ArrayList<Future<?>>(jobs)).map(done -> {
            List<SentSurvey> out = new ArrayList<>();
            for (Future<Response> f : jobs) {
              Response h = f.result();
              if (h.get(0) != null && h.get(1) != null && h.get(2) != null) {
                SurveyOutcome outcome = StoredSurveys.outcome(h.get(1).toString());
                if (outcome.sent()) {
                  out.add(new SentSurvey(StoredSurveys.job(h.get(0).toString()),
                      Instant.ofEpochMilli(Long.parseLong(h.get(2).toString()))));
                }
              }
            }
            return new Page<>(out, "0".equals(next) ? Optional.empty() : Optional.of(next));
          });
        });
  }

  @Override
  public Future<Page<SurveyResponse>> responses(String cursor, int limit) {
    int offset = cursor.isEmpty() ? 0 : Integer.parseInt(cursor);
    return redis.zrange(List.of(keys.surveyResponses(), Integer.toString(offset), Integer.toString(offset + limit - 1)))
        .compose(ids -> {
          List<Future<Optional<SurveyResponse>>> reads = new ArrayList<>();
          for (Response id : ids) {
            reads.add(surveys.response(id.toString()));
          }
          return Future.all(new ArrayList<Future<?>>(reads)).map(done -> {
            List<SurveyResponse> out = new ArrayList<>();
            reads.forEach(f -> f.result().ifPresent(out::add));
            return new Page<>(out, ids.size() < limit ? Optional.empty() : Optional.of(Integer.toString(offset + limit)));
          });
        });
  }
}
