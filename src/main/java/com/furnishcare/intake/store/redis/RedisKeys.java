package com.furnishcare.intake.store.redis;

/**
 * Every key the gateway writes in Redis, under one prefix so several deployments can share a server.
 *
 * <p><b>Two layouts.</b> On a single server ({@link #standalone}) the names are the ones every earlier version
 * wrote, so an existing deployment's data stays where it is. On Redis Cluster ({@link #cluster}) every Lua
 * script and multi-key command must touch one hash slot, including keys a script builds from ARGV prefixes
 * (Redis refuses a script's access to a key of another slot). The turn commit script touches a session, its turn,
 * tickets, every ticket index, the outbox and the report figures; the survey scripts touch surveys and the report
 * figures; the report rebuild renames temporary hashes over the day hashes. So in cluster mode all of those share
 * one hash tag, {@value #CORE_TAG}: the core data lives in one slot (on one master and its replicas). The cluster
 * then gives failover and replicas, not write scaling: the gateway's writes are one master's. Keys only ever touched
 * on their own or with their own kin are spread: a web conversation's pair of keys is tagged with the conversation
 * id, the SMS links share {@code {sms}}, the agent queue {@code {agentq}} and the alerts {@code {alerts}} (as on a
 * single server), and single keys (tokens, nonces, presence, console sessions, login counters, logs) carry no tag.
 * Moving a single server's data onto a cluster is not done by the gateway (the names differ); see the README.
 */
final class RedisKeys {
  /** The hash tag of the core keys in cluster mode (sessions, turns, tickets, outbox, report figures, surveys). */
  static final String CORE_TAG = "{core}";

  private final String prefix;
  /** Where the core keys start: the prefix on a single server, the prefix and {@link #CORE_TAG} on a cluster. */
  private final String core;
  private final String survey;
  private final boolean cluster;

  private RedisKeys(String prefix, boolean cluster) {
    this.prefix = prefix;
    this.cluster = cluster;
    this.core = cluster ? prefix + CORE_TAG + ":" : prefix;
    this.survey = cluster ? core + "survey:" : prefix + "{survey}:";
  }

  /** The names a single server has always held. */
  static RedisKeys standalone(String prefix) {
    return new RedisKeys(prefix, false);
  }

  /** The hash-tagged names for Redis Cluster; the prefix must not hold a brace (it would become the tag). */
  static RedisKeys cluster(String prefix) {
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a key prefix for Redis Cluster must not contain '{' or '}': " + prefix);
    }
    return new RedisKeys(prefix, true);
  }

  boolean cluster() {
    return cluster;
  }

  /** A per-conversation (or per-item) hash tag on a cluster, so a pair of keys of one id shares a slot. */
  private String tagged(String id) {
    return cluster ? "{" + id + "}" : id;
  }

  String session(String conversationKey) {
    return core + "session:" + conversationKey;
  }

  String turn(String messageKey) {
    return core + "turn:" + messageKey;
  }

  String token(String name) {
    return prefix + "token:" + name;
  }

  String ticket(String id) {
    return core + "ticket:" + id;
  }

  String ticketsAll() {
    return core + "tickets:all";
  }

  String ticketsOfUser(String channel, String userId) {
    return core + "tickets:user:" + channel + ":" + userId;
  }

  String ticketsOfOrder(String orderNo) {
    return core + "tickets:order:" + orderNo;
  }

  /** Tickets of one status, by creation time (a sorted set; moved by the commit script when the status changes). */
  String ticketsOfStatus(String status) {
    return ticketsOfStatusPrefix() + status;
  }

  String ticketsOfStatusPrefix() {
    return core + "tickets:status:";
  }

  /** Set once the status and phone indexes cover every ticket (the backfill of tickets stored before them). */
  String ticketIndexesBuilt() {
    return core + "tickets:indexes-built";
  }

  String outboxPending() {
    return core + "outbox:pending";
  }

  String outboxAge() {
    return core + "outbox:age";
  }

  String outboxDead() {
    return core + "outbox:dead";
  }

  String outboxEntryPrefix() {
    return core + "outbox:entry:";
  }

  String callbackNonce(String pair) {
    return prefix + "nonce:" + pair;
  }

  String deliveries() {
    return prefix + "deliveries";
  }

  String chatConversation(String conversationId) {
    return prefix + "chat:" + tagged(conversationId);
  }

  /** Secrets a web conversation gained after its first (a set of hashes), living as long as it does. */
  String chatSecrets(String conversationId) {
    return prefix + "chat-secrets:" + tagged(conversationId);
  }

  /** The web-chat link an SMS sender's phone started (a hash: conversation, code). */
  String smsLinkByPhone(String phone) {
    return sms() + "smslink-phone:" + phone;
  }

  /** A link's code → its phone (a string); and whether its SMS was claimed. */
  String smsLinkByCode(String code) {
    return sms() + "smslink-code:" + code;
  }

  /** The SMS link keys: one script touches a phone's and a code's, so on a cluster they share {@code {sms}}. */
  private String sms() {
    return cluster ? prefix + "{sms}:" : prefix;
  }

  String smsLinkNotice(String code) {
    return sms() + "smslink-notice:" + code;
  }

  /** One hash tag for the queue's keys: a script touching a case and the open set stays in one cluster slot. */
  String agentCase(String conversation) {
    return prefix + "{agentq}:case:" + conversation;
  }

  String agentCasesOpen() {
    return prefix + "{agentq}:open";
  }

  /** A web conversation's entries, in order (a list); the hash below maps entry keys to their numbers. */
  String chatLog(String conversationId) {
    return prefix + "chatlog:" + tagged(conversationId);
  }

  String chatLogKeys(String conversationId) {
    return prefix + "chatlog-keys:" + tagged(conversationId);
  }

  /** The pub/sub channel on which processes tell each other about new chat entries. */
  String chatNews() {
    return prefix + "chat-news";
  }

  /**
   * Set while some process holds an open page of the conversation (refreshed, expires on its own). In the chat
   * log's hash slot: the log's append script reads it to decide whether to announce the new entries.
   */
  String chatOnline(String conversationId) {
    return prefix + "chat-online:" + tagged(conversationId);
  }

  /** A console session by the SHA-256 of its id (a hash: username, csrf), expiring when idle. */
  String agentSession(String idHash) {
    return prefix + "agent-session:" + idHash;
  }

  /** Failed console logins of one key (a username or client address) in its current window (a counter). */
  String loginFailures(String key) {
    return prefix + "login-failures:" + key;
  }

  /** What console users did, newest first (a capped list). */
  String auditLog() {
    return prefix + "audit";
  }

  /*
   * Surveys: every key under one hash tag, so the scripts that touch several (a job and the due queue, a
   * response and its index) stay in one cluster slot. On a cluster that tag is the core one: the finish, answer
   * and import scripts also write the report figures.
   */

  /** A survey job (a hash: body, outcome, finishedAt). */
  String surveyJob(String jobId) {
    return surveyJobPrefix() + jobId;
  }

  String surveyJobPrefix() {
    return survey + "job:";
  }

  /** Unfinished jobs by due time (a sorted set); a claim pushes a job's score to the end of its lease. */
  String surveyDue() {
    return survey + "due";
  }

  /** A survey page code → "jobId|expiresAtMillis" (a string expiring a day after the code). */
  String surveyCode(String code) {
    return survey + "code:" + code;
  }

  /** Contacts that opted out → when (a hash; never expires). */
  String surveyOptOuts() {
    return survey + "optout";
  }

  /** The survey last sent by SMS to a mobile number: "atMillis|jobId" (a string that expires). */
  String surveySmsSent(String phone) {
    return survey + "sms-sent:" + phone;
  }

  /** Contacts → when they were last sent a survey (a hash). */
  String surveyLastSent() {
    return survey + "last";
  }

  /** A response (a hash: channel, started, completed). */
  String surveyResponse(String jobId) {
    return survey + "resp:" + jobId;
  }

  /** A response's answers (a hash: question id → answer JSON) and their order (a list of question ids). */
  String surveyAnswers(String jobId) {
    return survey + "answers:" + jobId;
  }

  String surveyAnswerOrder(String jobId) {
    return survey + "answer-order:" + jobId;
  }

  /** Responses by start time (a sorted set of job ids). */
  String surveyResponses() {
    return survey + "responses";
  }

  /*
   * Alerts to WeCom group robots: every key under one hash tag, so a script touching a delivery and the due
   * queue stays in one cluster slot.
   */

  /** One delivery (a hash: body, state, attempts, due, error, finished). */
  String alertDeliveryPrefix() {
    return prefix + "{alerts}:d:";
  }

  /** Pending deliveries by due time (a sorted set); a claim pushes a delivery's score to the end of its lease. */
  String alertsDue() {
    return prefix + "{alerts}:due";
  }

  /** Every delivery by creation time (a sorted set), for the newest-first list. */
  String alertsByTime() {
    return prefix + "{alerts}:time";
  }

  /** Alert ids ever raised (a set), so "was the digest of this day raised" is one look-up. */
  String alertIds() {
    return prefix + "{alerts}:ids";
  }

  /** Tickets of one phone number, by creation time (a sorted set; for the re-complaint lookup). */
  String ticketsOfPhone(String phone) {
    return ticketsOfPhonePrefix() + phone;
  }

  String ticketsOfPhonePrefix() {
    return core + "tickets:phone:";
  }

  /** The report cells of one day (a hash: dims → counts, see {@code report.CellKey}). */
  String reportDay(String day) {
    return core + "report:cells:" + day;
  }

  /** Each day's version (a hash: day → counter bumped by every write that changes the day's cells). */
  String reportVersions() {
    return core + "report:versions";
  }

  /** Tickets that repeat an earlier complaint (a hash: ticket id → the earlier ticket's id). */
  String reportRecomplaints() {
    return core + "report:recomplaints";
  }

  /** A day's new cells while a rebuild writes them, renamed over {@link #reportDay} when all are written. */
  String reportRebuildDay(String token, String day) {
    return core + "report:rebuild:" + token + ":" + day;
  }
}
