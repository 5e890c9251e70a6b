package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyCodes;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyResponseQuery;
import com.furnishcare.intake.core.SurveyStore;
import com.furnishcare.intake.report.ReportDelta;
import com.furnishcare.intake.report.SurveyFigures;
import com.furnishcare.intake.store.StoredSurveys;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SurveyStore} in Redis. Unfinished jobs wait in a sorted set by due time; a claim is one script
 * that takes the due ones and pushes their score to the end of the lease, so two processes claiming at
 * once get disjoint jobs and a lapsed lease makes a job due again by itself. All keys share the
 * {@code {survey}} hash tag (see {@link RedisKeys}).
 */
final class RedisSurveyStore implements SurveyStore {

  /** Jobs per accept script: a 10,000-event batch is 20 scripts, none holding the server long. */
  private static final int ACCEPT_CHUNK = 500;
  private static final int CODE_ATTEMPTS = 10;
  /** A code's key outlives the code by this, so an expired code is told apart from a mistyped one only briefly. */
  private static final long CODE_KEY_GRACE_MS = Duration.ofDays(1).toMillis();

  /** KEYS: due, job…; ARGV: body, dueAt, id per job. Returns how many were new. */
  private static final String ACCEPT_SCRIPT = """
      local added = 0
      for i = 2, #KEYS do
        local a = (i - 2) * 3
        if redis.call('HSETNX', KEYS[i], 'body', ARGV[a + 1]) == 1 then
          redis.call('ZADD', KEYS[1], ARGV[a + 2], ARGV[a + 3])
          added = added + 1
        end
      end
      return added""";

  /** KEYS: due; ARGV: now, limit, leased-until, job key prefix. Returns id, due, body per job. */
  private static final String CLAIM_SCRIPT = """
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
      local out = {}
      for i = 1, #due, 2 do
        redis.call('ZADD', KEYS[1], 'XX', ARGV[3], due[i])
        out[#out + 1] = due[i]
        out[#out + 1] = due[i + 1]
        out[#out + 1] = redis.call('HGET', ARGV[4] .. due[i], 'body') or ''
      end
      return out""";

  /** KEYS: job, due; ARGV: dueAt, id. Only an unfinished job moves. */
  private static final String POSTPONE_SCRIPT = """
      if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('HEXISTS', KEYS[1], 'outcome') == 0 then
        redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
      end
      return 1""";

  /**
   * KEYS: job, due; ARGV: outcome, at, id, then the report delta segment (a sent survey's count), applied
   * only with the job's first outcome. The first outcome stays.
   */
  private static final String FINISH_SCRIPT = RedisReports.LUA + """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return 0
      end
      if redis.call('HSETNX', KEYS[1], 'outcome', ARGV[1]) == 1 then
        redis.call('HSET', KEYS[1], 'finishedAt', ARGV[2])
        report_apply(4)
      end
      redis.call('ZREM', KEYS[2], ARGV[3])
      return 1""";

  /**
   * {@link #FINISH_SCRIPT}, and when this is the job's first outcome, the phone's last SMS survey is this job
   * (unless a later one is recorded). KEYS: job, due, sms-sent; ARGV: outcome, at, id, keep-millis, then the
   * report delta segment.
   */
  private static final String FINISH_SMS_SCRIPT = RedisReports.LUA + """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return 0
      end
      if redis.call('HSETNX', KEYS[1], 'outcome', ARGV[1]) == 1 then
        redis.call('HSET', KEYS[1], 'finishedAt', ARGV[2])
        report_apply(5)
        local last = redis.call('GET', KEYS[3])
        if not last or tonumber(string.match(last, '^(%d+)|')) <= tonumber(ARGV[2]) then
          redis.call('SET', KEYS[3], ARGV[2] .. '|' .. ARGV[3], 'PX', ARGV[4])
        end
      end
      redis.call('ZREM', KEYS[2], ARGV[3])
      return 1""";

  /** KEYS: last-sent hash; ARGV: at, threshold, contact…. Books all or none. */
  private static final String RESERVE_SCRIPT = """
      for i = 3, #ARGV do
        local v = redis.call('HGET', KEYS[1], ARGV[i])
        if v and tonumber(v) > tonumber(ARGV[2]) then
          return 0
        end
      end
      for i = 3, #ARGV do
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[1])
      end
      return 1""";

  private static final String RELEASE_SCRIPT = """
      for i = 2, #ARGV do
        if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
          redis.call('HDEL', KEYS[1], ARGV[i])
        end
      end
      return 1""";

  /**
   * KEYS: job, response, answers, order, index; ARGV: channel, at, question, answer, id, the response's start
   * and the question's earlier answer the figures were computed from ('' for none; '*' for no figures), then
   * the report delta segment. Answers -1, writing nothing, when the start or the earlier answer changed
   * meanwhile (the caller reads again and retries).
   */
  private static final String ANSWER_SCRIPT = RedisReports.LUA + """
      if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[2], 'completed') == 1 then
        return 0
      end
      if ARGV[6] ~= '*' then
        if (redis.call('HGET', KEYS[2], 'started') or '') ~= ARGV[6]
            or (redis.call('HGET', KEYS[3], ARGV[3]) or '') ~= ARGV[7] then
          return -1
        end
        report_apply(8)
      end
      if redis.call('HSETNX', KEYS[2], 'started', ARGV[2]) == 1 then
        redis.call('HSET', KEYS[2], 'channel', ARGV[1])
        redis.call('ZADD', KEYS[5], ARGV[2], ARGV[5])
      end
      if redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) == 1 then
        redis.call('RPUSH', KEYS[4], ARGV[3])
      end
      return 1""";

  private static final String COMPLETE_SCRIPT = """
      if redis.call('HEXISTS', KEYS[1], 'started') == 0 then
        return 0
      end
      return redis.call('HSETNX', KEYS[1], 'completed', ARGV[1])""";

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final SurveyCodes codes;
  private final boolean reportFigures;

  RedisSurveyStore(RedisAPI redis, RedisKeys keys, SurveyCodes codes) {
    this(redis, keys, codes, true);
  }

  /** @param reportFigures whether sends and answers keep the report aggregates current (in their scripts) */
  RedisSurveyStore(RedisAPI redis, RedisKeys keys, SurveyCodes codes, boolean reportFigures) {
    this.reportFigures = reportFigures;
    this.redis = redis;
    this.keys = keys;
    this.codes = codes;
  }

  @Override
  public Future<Boolean> accept(SurveyJob job) {
    return acceptAll(List.of(job)).map(n -> n == 1);
  }

  @Override
  public Future<Integer> acceptAll(List<SurveyJob> jobs) {
    List<Future<Integer>> chunks = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += ACCEPT_CHUNK) {
      List<SurveyJob> chunk = jobs.subList(from, Math.min(jobs.size(), from + ACCEPT_CHUNK));
      List<String> args = new ArrayList<>(2 + chunk.size() * 4);
      args.add(ACCEPT_SCRIPT);
      args.add(Integer.toString(chunk.size() + 1));
      args.add(keys.surveyDue());
      chunk.forEach(j -> args.add(keys.surveyJob(j.id())));
      for (SurveyJob j : chunk) {
        args.add(StoredSurveys.job(j));
        args.add(Long.toString(j.dueAt().toEpochMilli()));
        args.add(j.id());
      }
      chunks.add(redis.eval(args).map(Response::toInteger));
    }
    return Future.all(chunks).map(done -> chunks.stream().mapToInt(Future::result).sum());
  }

  @Override
  public Future<Optional<SurveyJob>> job(String jobId) {
    return redis.hget(keys.surveyJob(jobId), "body").compose(body -> {
      if (body == null) {
        return Future.succeededFuture(Optional.empty());
      }
      return redis.zscore(keys.surveyDue(), jobId).map(score -> Optional.of(score == null
          ? StoredSurveys.job(body.toString())
          : StoredSurveys.job(body.toString(), (long) Double.parseDouble(score.toString()))));
    });
  }

  @Override
  public Future<List<SurveyJob>> claimDue(Instant now, int limit, Duration lease) {
    return redis.eval(List.of(CLAIM_SCRIPT, "1", keys.surveyDue(), Long.toString(now.toEpochMilli()),
            Integer.toString(limit), Long.toString(now.plus(lease).toEpochMilli()), keys.surveyJobPrefix()))
        .map(r -> {
          List<SurveyJob> jobs = new ArrayList<>();
          for (int i = 0; i + 2 < r.size(); i += 3) {
            String body = r.get(i + 2).toString();
            if (!body.isEmpty()) {
              jobs.add(StoredSurveys.job(body, (long) Double.parseDouble(r.get(i + 1).toString())));
            }
          }
          return jobs;
        });
  }

  @Override
  public Future<Void> postpone(String jobId, Instant dueAt) {
    return redis.eval(List.of(POSTPONE_SCRIPT, "2", keys.surveyJob(jobId), keys.surveyDue(),
        Long.toString(dueAt.toEpochMilli()), jobId)).mapEmpty();
  }

  @Override
  public Future<Void> finish(String jobId, SurveyOutcome outcome, Instant at) {
    boolean bySms = outcome.sent() && outcome.channel().filter("sms"::equals).isPresent();
    // The job (read first for a sent survey) never changes once accepted, so its figures cannot go stale.
    Future<Optional<SurveyJob>> job = bySms || (outcome.sent() && reportFigures) ? job(jobId)
        : Future.succeededFuture(Optional.empty());
    return job.compose(j -> {
      Optional<String> p = bySms ? j.flatMap(SurveyJob::phone) : Optional.empty();
      List<String> args = new ArrayList<>(p.isEmpty()
          ? List.of(FINISH_SCRIPT, "2", keys.surveyJob(jobId), keys.surveyDue(), StoredSurveys.outcome(outcome, at),
              Long.toString(at.toEpochMilli()), jobId)
          : List.of(FINISH_SMS_SCRIPT, "3", keys.surveyJob(jobId), keys.surveyDue(), keys.surveySmsSent(p.get()),
              StoredSurveys.outcome(outcome, at), Long.toString(at.toEpochMilli()), jobId,
              Long.toString(SMS_SENT_KEPT.toMillis())));
      ReportDelta delta = new ReportDelta();
      if (outcome.sent() && reportFigures && j.isPresent()) {
        delta.add(SurveyFigures.sent(j.get(), at), 1);
      }
      RedisReports.deltaArgs(args, keys, delta);
      return redis.eval(args);
    }).mapEmpty();
  }

  @Override
  public Future<Optional<SurveyJob>> lastSentBySms(String phone, Instant since) {
    return redis.get(keys.surveySmsSent(phone)).compose(last -> {
      if (last == null) {
        return Future.succeededFuture(Optional.empty());
      }
      String[] atAndId = last.toString().split("\\|", 2);
      return Long.parseLong(atAndId[0]) < since.toEpochMilli()
          ? Future.succeededFuture(Optional.empty())
          : job(atAndId[1]);
    });
  }

  @Override
  public Future<Optional<SurveyOutcome>> outcome(String jobId) {
    return redis.hget(keys.surveyJob(jobId), "outcome")
        .map(r -> r == null ? Optional.empty() : Optional.of(StoredSurveys.outcome(r.toString())));
  }

  @Override
  public Future<Void> optOut(String contact, Instant at) {
    return redis.hsetnx(keys.surveyOptOuts(), contact, Long.toString(at.toEpochMilli())).mapEmpty();
  }

  @Override
  public Future<Boolean> optedOut(String contact) {
    return redis.hexists(keys.surveyOptOuts(), contact).map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Boolean> reserveContacts(List<String> contacts, Instant at, Duration period) {
    List<String> args = new ArrayList<>(List.of(RESERVE_SCRIPT, "1", keys.surveyLastSent(),
        Long.toString(at.toEpochMilli()), Long.toString(at.minus(period).toEpochMilli())));
    args.addAll(contacts);
    return redis.eval(args).map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Void> releaseContacts(List<String> contacts, Instant at) {
    List<String> args = new ArrayList<>(List.of(RELEASE_SCRIPT, "1", keys.surveyLastSent(),
        Long.toString(at.toEpochMilli())));
    args.addAll(contacts);
    return redis.eval(args).mapEmpty();
  }

  @Override
  public Future<Optional<Instant>> lastSurveyed(List<String> contacts) {
    if (contacts.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    List<String> args = new ArrayList<>();
    args.add(keys.surveyLastSent());
    args.addAll(contacts);
    return redis.hmget(args).map(values -> {
      Optional<Instant> latest = Optional.empty();
      for (Response v : values) {
        if (v != null) {
          Instant at = Instant.ofEpochMilli(Long.parseLong(v.toString()));
          if (latest.isEmpty() || at.isAfter(latest.get())) {
            latest = Optional.of(at);
          }
        }
      }
      return latest;
    });
  }

  @Override
  public Future<String> issueCode(String jobId, Instant expiresAt) {
    return issueCode(jobId, expiresAt, 0);
  }

  private Future<String> issueCode(String jobId, Instant expiresAt, int attempt) {
    if (attempt >= CODE_ATTEMPTS) {
      return Future.failedFuture(new IllegalStateException("no free survey code after " + CODE_ATTEMPTS + " attempts"));
    }
    String code = codes.next();
    long expires = expiresAt.toEpochMilli();
    return redis.set(List.of(keys.surveyCode(code), jobId + "|" + expires, "NX", "PXAT",
            Long.toString(expires + CODE_KEY_GRACE_MS)))
        .compose(r -> r != null && "OK".equals(r.toString()) ? Future.succeededFuture(code)
            : issueCode(jobId, expiresAt, attempt + 1));
  }

  @Override
  public Future<Optional<SurveyJob>> byCode(String code, Instant now) {
    Optional<String> normal = SurveyCodes.normalise(code);
    if (normal.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return redis.get(keys.surveyCode(normal.get())).compose(r -> {
      if (r == null) {
        return Future.succeededFuture(Optional.empty());
      }
      String value = r.toString();
      int bar = value.lastIndexOf('|');
      if (Long.parseLong(value.substring(bar + 1)) <= now.toEpochMilli()) {
        return Future.succeededFuture(Optional.empty());
      }
      return job(value.substring(0, bar));
    });
  }

  @Override
  public Future<Boolean> saveAnswer(String jobId, String channel, SurveyAnswer answer) {
    return saveAnswer(jobId, channel, answer, 0);
  }

  /** Figures from what is stored now; the script writes only if that is still so, else read again. */
  private Future<Boolean> saveAnswer(String jobId, String channel, SurveyAnswer answer, int attempt) {
    List<String> args = new ArrayList<>(List.of(ANSWER_SCRIPT, "5", keys.surveyJob(jobId), keys.surveyResponse(jobId),
        keys.surveyAnswers(jobId), keys.surveyAnswerOrder(jobId), keys.surveyResponses(), channel,
        Long.toString(answer.answeredAt().toEpochMilli()), answer.questionId(), StoredSurveys.answer(answer), jobId));
    Future<List<String>> ready;
    if (!reportFigures) {
      args.addAll(List.of("*", ""));
      RedisReports.deltaArgs(args, keys, new ReportDelta());
      ready = Future.succeededFuture(args);
    } else {
      Future<Optional<SurveyJob>> job = job(jobId);
      Future<Response> started = redis.hget(keys.surveyResponse(jobId), "started");
      Future<Response> earlier = redis.hget(keys.surveyAnswers(jobId), answer.questionId());
      ready = Future.all(job, started, earlier).map(done -> {
        String start = started.result() == null ? "" : started.result().toString();
        String old = earlier.result() == null ? "" : earlier.result().toString();
        args.addAll(List.of(start, old));
        ReportDelta delta = new ReportDelta();
        if (job.result().isPresent()) {
          SurveyJob j = job.result().get();
          Instant day = start.isEmpty() ? answer.answeredAt() : Instant.ofEpochMilli(Long.parseLong(start));
          if (start.isEmpty()) {
            delta.add(SurveyFigures.responseStarted(j, day), 1);
          }
          if (!old.isEmpty()) {
            delta.add(SurveyFigures.answer(j, day, StoredSurveys.answer(old)), -1);
          }
          delta.add(SurveyFigures.answer(j, day, answer), 1);
        }
        RedisReports.deltaArgs(args, keys, delta);
        return args;
      });
    }
    return ready.compose(redis::eval).compose(r -> {
      int result = r.toInteger();
      if (result == -1) {
        return attempt < 8 ? saveAnswer(jobId, channel, answer, attempt + 1)
            : Future.failedFuture(new IllegalStateException("survey answer " + jobId + " kept changing; not saved"));
      }
      return Future.succeededFuture(result == 1);
    });
  }

  @Override
  public Future<Boolean> complete(String jobId, Instant at) {
    return redis.eval(List.of(COMPLETE_SCRIPT, "1", keys.surveyResponse(jobId), Long.toString(at.toEpochMilli())))
        .map(r -> r.toInteger() == 1);
  }

  @Override
  public Future<Optional<SurveyResponse>> response(String jobId) {
    Future<Response> head = redis.hmget(List.of(keys.surveyResponse(jobId), "channel", "started", "completed"));
    Future<Response> order = redis.lrange(keys.surveyAnswerOrder(jobId), "0", "-1");
    Future<Response> answers = redis.hgetall(keys.surveyAnswers(jobId));
    Future<Optional<SurveyJob>> job = job(jobId);
    return Future.all(head, order, answers, job).map(done -> {
      Response h = head.result();
      if (h == null || h.get(1) == null || job.result().isEmpty()) {
        return Optional.<SurveyResponse>empty();
      }
      List<SurveyAnswer> list = new ArrayList<>();
      for (Response question : order.result()) {
        Response body = answers.result().get(question.toString());
        if (body != null) {
          list.add(StoredSurveys.answer(body.toString()));
        }
      }
      return Optional.of(new SurveyResponse(job.result().get(), list, h.get(0).toString(),
          Instant.ofEpochMilli(Long.parseLong(h.get(1).toString())),
          h.get(2) == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(h.get(2).toString())))));
    });
  }

  @Override
  public Future<List<SurveyResponse>> responses(SurveyResponseQuery query, int limit) {
    String from = query.from().map(f -> Long.toString(f.toEpochMilli())).orElse("-inf");
    String to = query.to().map(t -> "(" + t.toEpochMilli()).orElse("+inf");
    return redis.zrangebyscore(List.of(keys.surveyResponses(), from, to)).compose(ids -> collect(ids, 0, query, limit,
        new ArrayList<>()));
  }

  /** Reads the responses a page at a time (not all at once: a month can hold tens of thousands). */
  private Future<List<SurveyResponse>> collect(Response ids, int offset, SurveyResponseQuery query, int limit,
      List<SurveyResponse> found) {
    if (offset >= ids.size() || found.size() >= limit) {
      return Future.succeededFuture(found.size() > limit ? found.subList(0, limit) : found);
    }
    List<Future<Optional<SurveyResponse>>> page = new ArrayList<>();
    for (int i = offset; i < Math.min(ids.size(), offset + 100); i++) {
      page.add(response(ids.get(i).toString()));
    }
    return Future.all(page).compose(done -> {
      page.forEach(f -> f.result().filter(query::matches).ifPresent(found::add));
      return collect(ids, offset + 100, query, limit, found);
    });
  }
}
