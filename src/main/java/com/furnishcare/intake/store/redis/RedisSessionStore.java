package com.furnishcare.intake.store.redis;

import com.furnishcare.intake.core.ClaimedTurn;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.SessionVersion;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.report.CellKey;
import com.furnishcare.intake.report.ReportDelta;
import com.furnishcare.intake.report.TicketFigures;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.StoredForms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link SessionStore} in Redis. Sessions expire after the idle time (PX on every write); a claim is a
 * {@code SET NX PX lease}, so a process that dies mid-turn frees the message when the lease runs out;
 * a commit writes session and reply in one Lua script so no other client sees one without the other.
 * Several gateway processes share these keys: the claim hands back the session with its version (the token the
 * stored text starts with, {@link SessionVersion}), and a checked commit writes nothing if that is no longer the
 * stored session (STALE_SESSION) or the message was meanwhile committed by another process (DONE). The commit
 * reads the stored token with GETRANGE, not the whole text.
 */
public final class RedisSessionStore implements SessionStore {

  private static final String CLAIMED = new JsonObject().put("state", "claimed").encode();

  /**
   * Session, reply, new tickets and their outbox entries, changed tickets, and the report figures, in one
   * script. New tickets come as groups of {@value #NEW_GROUP} ARGVs (key, body, created-at score, id, index keys
   * joined by '|', order index, phone index, re-complaint hash, cell hash, cell dims, day); a ticket id already
   * taken aborts before any write. Before a new ticket enters its indexes, the script looks for an earlier
   * ticket of its order or phone within the re-complaint window; when found it records the fact and counts
   * the re-complaint in the ticket's cell (the rest of the ticket's contribution is in the delta segment).
   * Changed tickets come as groups of {@value #CHANGED_GROUP} (key, body, id, SHA-1 of the body the figures were
   * computed from, "none" for no body, "" for no check; created-at score, status index, phone index or ""): if
   * any stored body is no longer the one expected, the script answers STALE_TICKET before any write and the
   * caller reads again and retries. A changed ticket that exists is rewritten and moved from the status and
   * phone indexes of its stored body to those of the new one. A changed ticket is queued for delivery again
   * unless a delivery is already waiting. Then "now", the status and phone index key prefixes, the expected
   * session version, then the figures' delta segment ({@link RedisReports#LUA}). KEYS[3..6]: outbox pending,
   * age, entry prefix, dead letters.
   *
   * <p>The session check comes first, before any write: unless the expected version is "" (no check), a
   * message already done (KEYS[2] says so: another process committed it after this one's claim lapsed)
   * answers {'DONE', record}, and a stored session whose version is not the expected one ("none": no session)
   * answers {'STALE_SESSION', session or nil}, the current session read in the same step so the caller can
   * decide the turn again without another round trip. Else 1. This is the same optimistic pattern as
   * STALE_TICKET, and it is what makes several gateway processes on one Redis lose no turn: two turns of
   * one conversation decided at once from the same session cannot both commit.
   *
   * <p>After the delta segment, '1' and the arguments of {@link RedisChatLog#APPEND_LUA}'s {@code chatlog_append}
   * append the turn's transcript in the same step (answer {'COMMITTED', number of the last new entry}); '0'
   * writes none (answer 1). Only on a single server: on a cluster the chat log lives in another slot.
   */
  private static final RedisScript COMMIT_SCRIPT = new RedisScript(RedisReports.LUA + RedisChatLog.APPEND_LUA
      + "local argv_end = #ARGV\nlocal just_claimed = false\n" + commitLua());

  /**
   * The commit's Lua after its preamble, which sets {@code argv_end} (the last of the commit's arguments; the
   * transcript's pairs run to it) and {@code just_claimed} (the message was claimed in this same script, so it
   * cannot have been committed by anyone else: the DONE check is skipped).
   */
  private static String commitLua() {
    return String.join("\n",
      "local n = tonumber(ARGV[5])",
      "local m = tonumber(ARGV[6 + n * 11])",
      "local expected_session = ARGV[10 + n * 11 + m * 7]",
      "if expected_session ~= '' then",
      "  local turn = (not just_claimed) and redis.call('GET', KEYS[2])",
      "  if turn then",
      "    local ok, t = pcall(cjson.decode, turn)",
      "    if ok and type(t) == 'table' and t['state'] == 'done' then return {'DONE', turn} end",
      "  end",
      // The stored version: the token at the start of the text, read without the rest; or, for a text without
      // one (an older gateway's), the SHA-1 of the text.
      "  local head = redis.call('GETRANGE', KEYS[1], 0, " + (SessionVersion.TOKEN_PREFIX.length()
          + SessionVersion.TOKEN_LENGTH) + ")",
      "  local version = 'none'",
      "  if head ~= '' then",
      "    if string.sub(head, 1, " + SessionVersion.TOKEN_PREFIX.length() + ") == '"
          + SessionVersion.TOKEN_PREFIX.replace("\"", "\\\"") + "' and string.sub(head, "
          + (SessionVersion.TOKEN_PREFIX.length() + SessionVersion.TOKEN_LENGTH + 1) + ") == '\\\"' then",
      "      version = string.sub(head, " + (SessionVersion.TOKEN_PREFIX.length() + 1) + ", "
          + (SessionVersion.TOKEN_PREFIX.length() + SessionVersion.TOKEN_LENGTH) + ")",
      "    else",
      "      version = redis.sha1hex(redis.call('GET', KEYS[1]))",
      "    end",
      "  end",
      "  if version ~= expected_session then",
      "    return {'STALE_SESSION', redis.call('GET', KEYS[1])}",
      "  end",
      "end",
      "for t = 0, n - 1 do",
      "  if redis.call('EXISTS', ARGV[6 + t * 11]) == 1 then return redis.error_reply('DUPLICATE_TICKET') end",
      "end",
      "for t = 0, m - 1 do",
      "  local c = 7 + n * 11 + t * 7",
      "  local expected = ARGV[c + 3]",
      "  if expected ~= '' then",
      "    local cur = redis.call('GET', ARGV[c])",
      "    if (not cur and expected ~= 'none') or (cur and redis.sha1hex(cur) ~= expected) then",
      "      return redis.error_reply('STALE_TICKET')",
      "    end",
      "  end",
      "end",
      "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])",
      "redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])",
      "for t = 0, n - 1 do",
      "  local b = 6 + t * 11",
      "  if ARGV[b + 8] ~= '' then",
      "    local earlier = nil",
      "    for _, index in ipairs({ARGV[b + 5], ARGV[b + 6]}) do",
      "      if index ~= '' and not earlier then",
      "        local hit = redis.call('ZREVRANGEBYSCORE', index, '(' .. ARGV[b + 2],"
          + " tonumber(ARGV[b + 2]) - " + TicketFigures.RECOMPLAINT_WINDOW.toMillis() + ", 'LIMIT', 0, 1)",
      "        if #hit > 0 then earlier = hit[1] end",
      "      end",
      "    end",
      "    if earlier then",
      "      redis.call('HSET', ARGV[b + 7], ARGV[b + 3], earlier)",
      "      report_merge(ARGV[b + 8], ARGV[b + 9], '" + TicketFigures.RECOMPLAINT + ":1')",
      "      redis.call('HINCRBY', KEYS[7], ARGV[b + 10], 1)",
      "    end",
      "  end",
      "  redis.call('SET', ARGV[b], ARGV[b + 1])",
      "  for index in string.gmatch(ARGV[b + 4], '[^|]+') do",
      "    redis.call('ZADD', index, ARGV[b + 2], ARGV[b + 3])",
      "  end",
      "  redis.call('ZADD', KEYS[3], ARGV[b + 2], ARGV[b + 3])",
      "  redis.call('ZADD', KEYS[4], ARGV[b + 2], ARGV[b + 3])",
      "  redis.call('HSET', KEYS[5] .. ARGV[b + 3], 'attempts', 0, 'created', ARGV[b + 2], 'error', '', 'dead', 0)",
      "end",
      "local now = ARGV[7 + n * 11 + m * 7]",
      "local status_prefix = ARGV[8 + n * 11 + m * 7]",
      "local phone_prefix = ARGV[9 + n * 11 + m * 7]",
      "for t = 0, m - 1 do",
      "  local c = 7 + n * 11 + t * 7",
      "  local id = ARGV[c + 2]",
      "  local cur = redis.call('GET', ARGV[c])",
      "  if cur then",
      "    redis.call('SET', ARGV[c], ARGV[c + 1])",
      "    local ok, old = pcall(cjson.decode, cur)",
      "    if ok and type(old) == 'table' then",
      "      if type(old['status']) == 'string' and status_prefix .. old['status'] ~= ARGV[c + 5] then",
      "        redis.call('ZREM', status_prefix .. old['status'], id)",
      "      end",
      "      if type(old['phone']) == 'string' and old['phone'] ~= '' and phone_prefix .. old['phone'] ~= ARGV[c + 6] then",
      "        redis.call('ZREM', phone_prefix .. old['phone'], id)",
      "      end",
      "    end",
      "    redis.call('ZADD', ARGV[c + 5], ARGV[c + 4], id)",
      "    if ARGV[c + 6] ~= '' then redis.call('ZADD', ARGV[c + 6], ARGV[c + 4], id) end",
      "  end",
      "  if redis.call('EXISTS', KEYS[5] .. id) == 1 then",
      "    redis.call('HINCRBY', KEYS[5] .. id, 'gen', 1)",
      "  else",
      "    redis.call('ZADD', KEYS[3], now, id)",
      "    redis.call('ZADD', KEYS[4], now, id)",
      "    redis.call('HSET', KEYS[5] .. id, 'attempts', 0, 'created', now, 'error', '', 'dead', 0, 'gen', 0)",
      "  end",
      "end",
      "local after = report_apply(11 + n * 11 + m * 7)",
      "if ARGV[after] == '1' then",
      // Fresh entries when checked: the turn was not committed before (DONE above), so none of its entries was.
      "  local _, last = chatlog_append(ARGV[after + 1], ARGV[after + 2], ARGV[after + 3], ARGV[after + 4],"
          + " ARGV[after + 5], ARGV[after + 6], ARGV[after + 7], after + 8, expected_session ~= '', argv_end)",
      "  return {'COMMITTED', last}",
      "end",
      "return 1");
  }

  private static final int NEW_GROUP = 11;
  private static final int CHANGED_GROUP = 7;
  /**
   * A commit whose changed tickets moved under it is read again and retried this often at most: each round
   * at least one of the racing writers of a ticket wins, so this covers far more writers of one ticket at
   * once than a conversation (one turn at a time) and the status poller ever make.
   */
  private static final int STALE_RETRIES = 64;

  /** The claim script's answer for a replayed nonce pair. */
  private static final int REPLAYED = 2;

  /**
   * SET NX the claim; when taken, also return the session, so a turn costs one round trip less, and, with ARGV[3]
   * '1', the conversation's agent case (HMGET of KEYS[3], {@link RedisAgentQueue#FIELDS}), which the turn asks for
   * next. With one more key after those, first records a callback's nonce pair there ({@link RedisCallbackNonces}'s
   * {@code nonce_sight}: ARGV[4] the body hash, ARGV[5] when to forget it, in ms) and answers {2} without claiming
   * when the pair came with another body.
   */
  private static final RedisScript CLAIM_SCRIPT = new RedisScript(RedisCallbackNonces.SIGHT_LUA + String.join("\n",
      "local read_case = ARGV[3] == '1'",
      "local nonce = KEYS[read_case and 4 or 3]",
      "if nonce and nonce_sight(nonce, ARGV[4], ARGV[5]) == " + RedisCallbackNonces.OTHER_BODY + " then",
      "  return {" + REPLAYED + "}",
      "end",
      "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then",
      "  if read_case then",
      "    return {1, redis.call('GET', KEYS[2]), redis.call('HMGET', KEYS[3], '"
          + String.join("', '", RedisAgentQueue.FIELDS) + "')}",
      "  end",
      "  return {1, redis.call('GET', KEYS[2])}",
      "end",
      "return {0, redis.call('GET', KEYS[1])}"));

  /**
   * The claim and the checked commit of a turn without tickets in one script ({@link #claimAndCommit}; a single
   * server only: the agent case and the nonce record are in other slots on a cluster). KEYS and ARGV are the
   * commit's ({@link #COMMIT_SCRIPT}, no tickets), then KEYS[8] the agent case, KEYS[9] the nonce record when
   * there is a pair to record; four more ARGV at the end: the claim's value, its lease, the body hash and when to
   * forget the pair. Answers {'REPLAYED'}; {'TAKEN', turn record or nil} (not claimed: done or under way);
   * {'CLAIMED', session or nil, agent case fields} (claimed, an agent case open: nothing committed); the commit's
   * {'STALE_SESSION', session or nil} (claimed, another session stored: nothing committed); or the commit's
   * answer (claimed and committed).
   */
  private static final RedisScript CLAIM_AND_COMMIT_SCRIPT = new RedisScript(RedisReports.LUA
      + RedisChatLog.APPEND_LUA + RedisCallbackNonces.SIGHT_LUA + String.join("\n",
      "local argv_end = #ARGV - 4",
      "if KEYS[9] and nonce_sight(KEYS[9], ARGV[argv_end + 3], ARGV[argv_end + 4]) == "
          + RedisCallbackNonces.OTHER_BODY + " then",
      "  return {'REPLAYED'}",
      "end",
      "if not redis.call('SET', KEYS[2], ARGV[argv_end + 1], 'NX', 'PX', ARGV[argv_end + 2]) then",
      "  return {'TAKEN', redis.call('GET', KEYS[2])}",
      "end",
      "local case = redis.call('HMGET', KEYS[8], '" + String.join("', '", RedisAgentQueue.FIELDS) + "')",
      "if case[1] then return {'CLAIMED', redis.call('GET', KEYS[1]), case} end",
      "local just_claimed = true",
      "") + commitLua());

  private static final String RELEASE_SCRIPT =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private final RedisAPI redis;
  private final RedisKeys keys;
  private final StoreSettings settings;
  /** Where a turn's transcript goes, when it can go in the commit (a single server); else empty. */
  private final Optional<RedisChatLog> transcripts;
  /**
   * The nonce records a claim can write in its own step (a single server); else empty: on a cluster the nonce
   * keys are spread over the slots, not in the claim's.
   */
  private final Optional<RedisCallbackNonces> nonces;

  RedisSessionStore(RedisAPI redis, RedisKeys keys, StoreSettings settings, RedisChatLog chatLog,
      RedisCallbackNonces nonces) {
    this.redis = redis;
    this.keys = keys;
    this.settings = settings;
    this.nonces = keys.cluster() ? Optional.empty() : Optional.of(nonces);
    // On a cluster the chat log's keys are tagged by conversation, the commit's by {core}: not one script.
    this.transcripts = keys.cluster() ? Optional.empty() : Optional.of(chatLog);
  }

  @Override
  public Future<Optional<Session>> load(ConversationKey key) {
    return redis.get(keys.session(key.asString()))
        .map(r -> r == null ? Optional.empty() : Optional.of(StoredForms.session(r.toString())));
  }

  /**
   * On a single server the nonce pair is recorded, and the agent case read, in the claim's step (when the check's
   * nonces are this server's); on a cluster their keys are in other slots than the claim's.
   */
  @Override
  public Future<MessageClaim> claim(String messageKey, ConversationKey key, Optional<NonceCheck> check) {
    String lease = Long.toString(settings.claimLease().toMillis());
    List<String> keysAndArgs = new ArrayList<>(List.of(keys.turn(messageKey), keys.session(key.asString())));
    boolean readCase = !keys.cluster();
    if (readCase) {
      keysAndArgs.add(keys.agentCase(key.asString()));
    }
    if (noncesHere(check)) {
      NonceCheck c = check.get();
      keysAndArgs.add(nonces.get().key(c.pair()));
      int keyCount = keysAndArgs.size();
      keysAndArgs.addAll(List.of(CLAIMED, lease, readCase ? "1" : "0", c.bodyHash(),
          Long.toString(c.forgetAt().toEpochMilli())));
      return CLAIM_SCRIPT.run(redis, keyCount, keysAndArgs).map(RedisSessionStore::claimed);
    }
    int keyCount = keysAndArgs.size();
    keysAndArgs.addAll(List.of(CLAIMED, lease, readCase ? "1" : "0"));
    return NonceCheck.thenClaim(check, () -> CLAIM_SCRIPT.run(redis, keyCount, keysAndArgs)
        .map(RedisSessionStore::claimed));
  }

  /** Whether the check's nonce pair is recorded in this store's own step (this server's nonce records). */
  private boolean noncesHere(Optional<NonceCheck> check) {
    return check.isPresent() && nonces.isPresent() && check.get().nonces() == nonces.get();
  }

  /** A session as a script read it (nil: none stored). */
  private static Optional<Session> storedSession(Response stored) {
    return stored == null ? Optional.empty() : Optional.of(StoredForms.session(stored.toString()));
  }

  /** The version of a session as a script read it ({@link SessionVersion#NONE} for none stored). */
  private static String storedVersion(Response stored) {
    return stored == null ? SessionVersion.NONE : SessionVersion.of(stored.toString());
  }

  /** A message the claim did not take: the turn record found instead (nil: it lapsed, cannot happen in a script). */
  private static MessageClaim notTaken(Response record) {
    return record == null ? new MessageClaim.InProgress() : toClaim(record);
  }

  /**
   * The claim script's answer: {1, session or nil[, agent case fields]}, {0, turn record or nil}, or {2} (replayed
   * nonce).
   */
  private static MessageClaim claimed(Response result) {
    int verdict = result.get(0).toInteger();
    if (verdict == REPLAYED) {
      return new MessageClaim.Replayed();
    }
    Response value = result.size() > 1 ? result.get(1) : null;
    if (verdict == 1) {
      return result.size() > 2
          ? new MessageClaim.Claimed(storedSession(value), storedVersion(value), RedisAgentQueue.read(result.get(2)),
              true)
          : new MessageClaim.Claimed(storedSession(value), storedVersion(value));
    }
    return notTaken(value);
  }

  private static MessageClaim toClaim(Response stored) {
    JsonObject value = new JsonObject(stored.toString());
    if ("done".equals(value.getString("state"))) {
      return new MessageClaim.Completed(StoredForms.reply(value.getString("reply")));
    }
    return new MessageClaim.InProgress();
  }

  @Override
  public Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript) {
    Optional<TurnTranscript> inCommit = transcripts.isPresent() ? transcript : Optional.empty();
    return commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets, inCommit,
        0);
  }

  /**
   * The figures of a changed ticket depend on the body it replaces: read first, then written by the script
   * only if that body is still the one read (else read again and retry), so the figures never drift.
   */
  private Future<CommitOutcome> commitTurn(ConversationKey key, String expectedVersion, Session session,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      Optional<TurnTranscript> transcript, int attempt) {
    Future<List<Before>> before = settings.reportFigures() && !changedTickets.isEmpty()
        ? readBefore(changedTickets) : Future.succeededFuture(null);
    String token = SessionVersion.fresh();
    return before.compose(old -> {
          List<String> args = commitArgs(key, expectedVersion, session, token, idle, messageKey, reply, newTickets,
              changedTickets, old);
          transcriptArgs(args, transcript);
          return COMMIT_SCRIPT.run(redis, 7, args).map(result -> outcome(result, token));
        })
        .recover(err -> err.getMessage() != null && err.getMessage().contains("STALE_TICKET")
            && attempt < STALE_RETRIES
            ? commitTurn(key, expectedVersion, session, idle, messageKey, reply, newTickets, changedTickets,
                transcript, attempt + 1)
            : Future.failedFuture(err));
  }

  /**
   * 1: written; {'COMMITTED', last entry number}: written with the transcript; {'STALE_SESSION', session or nil}
   * or {'DONE', turn record}: refused (see the script).
   */
  private static CommitOutcome outcome(Response result, String token) {
    if (result.type() != ResponseType.MULTI) {
      return new CommitOutcome.Committed(token);
    }
    String verdict = result.get(0).toString();
    if ("COMMITTED".equals(verdict)) {
      return new CommitOutcome.Committed(true, result.get(1).toLong(), token);
    }
    Response stored = result.size() > 1 ? result.get(1) : null;
    if ("DONE".equals(verdict)) {
      return new CommitOutcome.AlreadyDone(((MessageClaim.Completed) toClaim(stored)).reply());
    }
    return new CommitOutcome.StaleSession(storedSession(stored), storedVersion(stored));
  }

  /** The commit's last segment: '1' and the transcript's {@code chatlog_append} arguments, or '0' for none. */
  private void transcriptArgs(List<String> args, Optional<TurnTranscript> transcript) {
    if (transcript.isPresent()) {
      TurnTranscript t = transcript.get();
      args.add("1");
      transcripts.orElseThrow().appendArgs(args, t.conversationId(), t.drafts(), t.at());
    } else {
      args.add("0");
    }
  }

  /** On a single server: on a cluster the agent case and the nonce records are in other slots than the turn's. */
  @Override
  public boolean commitsWithClaim() {
    return !keys.cluster();
  }

  @Override
  public Future<ClaimedTurn> claimAndCommit(String messageKey, ConversationKey key, Optional<NonceCheck> check,
      String expectedVersion, Session session, Duration idle, RecordedReply reply,
      Optional<TurnTranscript> transcript) {
    if (!commitsWithClaim()) {
      return SessionStore.super.claimAndCommit(messageKey, key, check, expectedVersion, session, idle, reply,
          transcript);
    }
    String token = SessionVersion.fresh();
    List<String> args = commitArgs(key, expectedVersion, session, token, idle, messageKey, reply, List.of(),
        List.of(), null);
    transcriptArgs(args, transcript);
    // The keys come first: the commit's seven, the agent case, then the nonce record when recorded here.
    List<String> keysAndArgs = new ArrayList<>(args.subList(0, 7));
    keysAndArgs.add(keys.agentCase(key.asString()));
    boolean nonceHere = noncesHere(check);
    if (nonceHere) {
      keysAndArgs.add(nonces.get().key(check.get().pair()));
    }
    int keyCount = keysAndArgs.size();
    keysAndArgs.addAll(args.subList(7, args.size()));
    keysAndArgs.addAll(List.of(CLAIMED, Long.toString(settings.claimLease().toMillis()),
        nonceHere ? check.get().bodyHash() : "", nonceHere ? Long.toString(check.get().forgetAt().toEpochMilli()) : ""));
    // Another server's nonce records (as the claim does it): the pair first, on its own.
    return NonceCheck.thenClaim(nonceHere ? Optional.empty() : check,
        () -> CLAIM_AND_COMMIT_SCRIPT.run(redis, keyCount, keysAndArgs).map(result -> claimedTurn(result, token)),
        () -> new ClaimedTurn.NotWritten(new MessageClaim.Replayed()));
  }

  /** The claim-and-commit script's answer (see {@link #CLAIM_AND_COMMIT_SCRIPT}). */
  private static ClaimedTurn claimedTurn(Response result, String token) {
    if (result.type() == ResponseType.MULTI) {
      String verdict = result.get(0).toString();
      Response value = result.size() > 1 ? result.get(1) : null;
      switch (verdict) {
        case "REPLAYED":
          return new ClaimedTurn.NotWritten(new MessageClaim.Replayed());
        case "TAKEN":
          return new ClaimedTurn.NotWritten(notTaken(value));
        case "CLAIMED":
          return new ClaimedTurn.NotWritten(new MessageClaim.Claimed(storedSession(value), storedVersion(value),
              RedisAgentQueue.read(result.get(2)), true));
        default:
          break;
      }
    }
    CommitOutcome outcome = outcome(result, token);
    if (outcome instanceof CommitOutcome.Committed committed) {
      return new ClaimedTurn.Written(committed);
    }
    if (outcome instanceof CommitOutcome.StaleSession stale) {
      // Claimed by this script, with no agent case: the turn is decided again on the session stored.
      return new ClaimedTurn.NotWritten(new MessageClaim.Claimed(stale.session(), stale.version(), Optional.empty(),
          true));
    }
    // DONE: the script claimed the message itself, so no one else can have committed it; answered as the claim
    // of a message done (its reply) should this ever come.
    return new ClaimedTurn.NotWritten(new MessageClaim.Completed(((CommitOutcome.AlreadyDone) outcome).reply()));
  }

  /** A changed ticket's stored body (absent if none) and whether it repeats an earlier complaint. */
  private record Before(Optional<String> body, boolean recomplaint) {}

  private Future<List<Before>> readBefore(List<Ticket> changed) {
    List<String> ticketKeys = new ArrayList<>();
    List<String> hmget = new ArrayList<>(List.of(keys.reportRecomplaints()));
    for (Ticket t : changed) {
      ticketKeys.add(keys.ticket(t.id()));
      hmget.add(t.id());
    }
    Future<Response> bodies = redis.mget(ticketKeys);
    Future<Response> repeats = redis.hmget(hmget);
    return Future.all(bodies, repeats).map(done -> {
      List<Before> out = new ArrayList<>();
      for (int i = 0; i < changed.size(); i++) {
        Response body = bodies.result().get(i);
        out.add(new Before(body == null ? Optional.empty() : Optional.of(body.toString()),
            repeats.result().get(i) != null));
      }
      return out;
    });
  }

  private List<String> commitArgs(ConversationKey key, String expectedVersion, Session session, String token,
      Duration idle, String messageKey, RecordedReply reply, List<Ticket> newTickets, List<Ticket> changedTickets,
      List<Before> before) {
    boolean figures = settings.reportFigures();
    ReportDelta delta = new ReportDelta();
    String done = new JsonObject().put("state", "done").put("reply", StoredForms.reply(reply)).encode();
    List<String> args = new ArrayList<>(List.of(keys.session(key.asString()), keys.turn(messageKey),
        keys.outboxPending(), keys.outboxAge(), keys.outboxEntryPrefix(), keys.outboxDead(), keys.reportVersions(),
        StoredForms.session(session, token), Long.toString(idle.toMillis()),
        done, Long.toString(settings.replyRetention().toMillis()), Integer.toString(newTickets.size())));
    for (Ticket t : newTickets) {
      String orderIndex = t.orderNo().isEmpty() ? "" : keys.ticketsOfOrder(t.orderNo());
      String phoneIndex = phoneIndex(t);
      String indexes = keys.ticketsAll() + "|" + keys.ticketsOfUser(t.channel().wireName(), t.userId())
          + "|" + keys.ticketsOfStatus(t.status().wireName())
          + (orderIndex.isEmpty() ? "" : "|" + orderIndex) + (phoneIndex.isEmpty() ? "" : "|" + phoneIndex);
      CellKey cell = TicketFigures.cell(t);
      args.addAll(List.of(keys.ticket(t.id()), StoredForms.ticket(t), Long.toString(t.createdAt().toEpochMilli()),
          t.id(), indexes, orderIndex, phoneIndex, keys.reportRecomplaints(),
          figures ? keys.reportDay(cell.day().toString()) : "", cell.dims(), cell.day().toString()));
      if (figures) {
        delta.add(TicketFigures.of(t, false), 1); // the script adds the re-complaint when it finds one
      }
    }
    args.add(Integer.toString(changedTickets.size()));
    for (int i = 0; i < changedTickets.size(); i++) {
      Ticket t = changedTickets.get(i);
      args.add(keys.ticket(t.id()));
      args.add(StoredForms.ticket(t));
      args.add(t.id());
      if (before == null) {
        args.add("");
      } else {
        Before b = before.get(i);
        args.add(b.body().map(RedisSessionStore::sha1).orElse("none"));
        b.body().ifPresent(old -> delta.addAll(TicketFigures.change(Optional.of(StoredForms.ticket(old)), t,
            b.recomplaint())));
      }
      args.add(Long.toString(t.createdAt().toEpochMilli()));
      args.add(keys.ticketsOfStatus(t.status().wireName()));
      args.add(phoneIndex(t));
    }
    args.add(Long.toString(System.currentTimeMillis()));
    args.add(keys.ticketsOfStatusPrefix());
    args.add(keys.ticketsOfPhonePrefix());
    args.add(expectedVersion);
    RedisReports.deltaArgs(args, keys, delta);
    return args;
  }

  /** The phone index a ticket belongs in, "" for a ticket without a phone. */
  private String phoneIndex(Ticket t) {
    return t.phone() == null || t.phone().isEmpty() ? "" : keys.ticketsOfPhone(t.phone());
  }

  /** What Lua's redis.sha1hex gives for the same string (its UTF-8 bytes). */
  static String sha1(String text) {
    return SessionVersion.of(text);
  }

  @Override
  public Future<Void> release(String messageKey) {
    return redis.eval(List.of(RELEASE_SCRIPT, "1", keys.turn(messageKey), CLAIMED)).mapEmpty();
  }

  @Override
  public Future<Void> ping() {
    return redis.ping(List.of()).mapEmpty();
  }
}
