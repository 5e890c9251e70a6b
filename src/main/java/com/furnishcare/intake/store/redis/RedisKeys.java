package com.furnishcare.intake.store.redis;

/** Every key the gateway writes in Redis, under one prefix so several deployments can share a server. */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  String session(String conversationKey) {
    return prefix + "session:" + conversationKey;
  }

  String turn(String messageKey) {
    return prefix + "turn:" + messageKey;
  }

  String token(String name) {
    return prefix + "token:" + name;
  }

  String ticket(String id) {
    return prefix + "ticket:" + id;
  }

  String ticketsAll() {
    return prefix + "tickets:all";
  }

  String ticketsOfUser(String channel, String userId) {
    return prefix + "tickets:user:" + channel + ":" + userId;
  }

  String ticketsOfOrder(String orderNo) {
    return prefix + "tickets:order:" + orderNo;
  }

  /** Tickets of one status, by creation time (a sorted set; moved by the commit script when the status changes). */
  String ticketsOfStatus(String status) {
    return ticketsOfStatusPrefix() + status;
  }

  String ticketsOfStatusPrefix() {
    return prefix + "tickets:status:";
  }

  /** Set once the status and phone indexes cover every ticket (the backfill of tickets stored before them). */
  String ticketIndexesBuilt() {
    return prefix + "tickets:indexes-built";
  }

  String outboxPending() {
    return prefix + "outbox:pending";
  }

  String outboxAge() {
    return prefix + "outbox:age";
  }

  String outboxDead() {
    return prefix + "outbox:dead";
  }

  String outboxEntryPrefix() {
    return prefix + "outbox:entry:";
  }

  String callbackNonce(String pair) {
    return prefix + "nonce:" + pair;
  }

  String deliveries() {
    return prefix + "deliveries";
  }

  String chatConversation(String conversationId) {
    return prefix + "chat:" + conversationId;
  }

  /** Secrets a web conversation gained after its first (a set of hashes), living as long as it does. */
  String chatSecrets(String conversationId) {
    return prefix + "chat-secrets:" + conversationId;
  }

  /** The web-chat link an SMS sender's phone started (a hash: conversation, code). */
  String smsLinkByPhone(String phone) {
    return prefix + "smslink-phone:" + phone;
  }

  /** A link's code → its phone (a string); and whether its SMS was claimed. */
  String smsLinkByCode(String code) {
    return prefix + "smslink-code:" + code;
  }

  String smsLinkNotice(String code) {
    return prefix + "smslink-notice:" + code;
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
    return prefix + "chatlog:" + conversationId;
  }

  String chatLogKeys(String conversationId) {
    return prefix + "chatlog-keys:" + conversationId;
  }

  /** The pub/sub channel on which processes tell each other about new chat entries. */
  String chatNews() {
    return prefix + "chat-news";
  }

  /** Set while some process holds an open page of the conversation (refreshed, expires on its own). */
  String chatOnline(String conversationId) {
    return prefix + "chat-online:" + conversationId;
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
   * response and its index) stay in one cluster slot.
   */

  /** A survey job (a hash: body, outcome, finishedAt). */
  String surveyJob(String jobId) {
    return surveyJobPrefix() + jobId;
  }

  String surveyJobPrefix() {
    return prefix + "{survey}:job:";
  }

  /** Unfinished jobs by due time (a sorted set); a claim pushes a job's score to the end of its lease. */
  String surveyDue() {
    return prefix + "{survey}:due";
  }

  /** A survey page code → "jobId|expiresAtMillis" (a string expiring a day after the code). */
  String surveyCode(String code) {
    return prefix + "{survey}:code:" + code;
  }

  /** Contacts that opted out → when (a hash; never expires). */
  String surveyOptOuts() {
    return prefix + "{survey}:optout";
  }

  /** The survey last sent by SMS to a mobile number: "atMillis|jobId" (a string that expires). */
  String surveySmsSent(String phone) {
    return prefix + "{survey}:sms-sent:" + phone;
  }

  /** Contacts → when they were last sent a survey (a hash). */
  String surveyLastSent() {
    return prefix + "{survey}:last";
  }

  /** A response (a hash: channel, started, completed). */
  String surveyResponse(String jobId) {
    return prefix + "{survey}:resp:" + jobId;
  }

  /** A response's answers (a hash: question id → answer JSON) and their order (a list of question ids). */
  String surveyAnswers(String jobId) {
    return prefix + "{survey}:answers:" + jobId;
  }

  String surveyAnswerOrder(String jobId) {
    return prefix + "{survey}:answer-order:" + jobId;
  }

  /** Responses by start time (a sorted set of job ids). */
  String surveyResponses() {
    return prefix + "{survey}:responses";
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
    return prefix + "tickets:phone:";
  }

  /** The report cells of one day (a hash: dims → counts, see {@code report.CellKey}). */
  String reportDay(String day) {
    return prefix + "report:cells:" + day;
  }

  /** Each day's version (a hash: day → counter bumped by every write that changes the day's cells). */
  String reportVersions() {
    return prefix + "report:versions";
  }

  /** Tickets that repeat an earlier complaint (a hash: ticket id → the earlier ticket's id). */
  String reportRecomplaints() {
    return prefix + "report:recomplaints";
  }

  /** A day's new cells while a rebuild writes them, renamed over {@link #reportDay} when all are written. */
  String reportRebuildDay(String token, String day) {
    return prefix + "report:rebuild:" + token + ":" + day;
  }
}
