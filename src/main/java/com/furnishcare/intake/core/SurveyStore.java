package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Survey jobs from service events, their outcomes, opt-outs, the last survey per homeowner, the survey
 * page's codes and the responses. Jobs are handed out under a lease, so two dispatchers (two processes
 * on one Redis) never send the same job, and a dispatcher that dies leaves its jobs due again.
 */
public interface SurveyStore {

  /** Keeps the job unless its event id is known; resolves with whether it was new. */
  Future<Boolean> accept(SurveyJob job);

  /** {@link #accept} for many at once (one transaction or a few scripts); resolves with how many were new. */
  Future<Integer> acceptAll(List<SurveyJob> jobs);

  Future<Optional<SurveyJob>> job(String jobId);

  /**
   * Up to {@code limit} unfinished jobs due at {@code now}, earliest first, each leased to the caller until
   * {@code now + lease}: nobody else gets it before then, and after then it is due again unless finished or
   * postponed.
   */
  Future<List<SurveyJob>> claimDue(Instant now, int limit, Duration lease);

  /** The unfinished job is due again at {@code dueAt} (quiet hours, a retry); its lease ends. */
  Future<Void> postpone(String jobId, Instant dueAt);

  /** Records the outcome and takes the job out of the queue for good; a finished job keeps its first outcome. */
  Future<Void> finish(String jobId, SurveyOutcome outcome, Instant at);

  /**
   * The job most recently sent to this mobile number by SMS (finished {@code sent} on channel {@code sms}) at or
   * after {@code since}, so an SMS reply can be read as its answer. Remembered for {@link #SMS_SENT_KEPT}.
   */
  Future<Optional<SurveyJob>> lastSentBySms(String phone, Instant since);

  /** How long {@link #lastSentBySms} remembers an SMS survey (at least). */
  Duration SMS_SENT_KEPT = Duration.ofDays(30);

  /** The recorded outcome; empty while the job is unfinished (or unknown). */
  Future<Optional<SurveyOutcome>> outcome(String jobId);

  /** No survey to this contact ({@code phone:…} / {@code wechat:…}) ever again. */
  Future<Void> optOut(String contact, Instant at);

  Future<Boolean> optedOut(String contact);

  /**
   * Books a survey to these contacts at {@code at} if none of them had one within {@code period} before;
   * resolves with whether it was booked (atomic, so two jobs for one homeowner never both pass).
   */
  Future<Boolean> reserveContacts(List<String> contacts, Instant at, Duration period);

  /** Undoes {@link #reserveContacts} of {@code at} (the survey did not go out); a later booking stays. */
  Future<Void> releaseContacts(List<String> contacts, Instant at);

  /** When these contacts were last sent a survey (the latest of them). */
  Future<Optional<Instant>> lastSurveyed(List<String> contacts);

  /** A new unique code for the job's survey page, valid until {@code expiresAt}. */
  Future<String> issueCode(String jobId, Instant expiresAt);

  /** The job a code stands for, unless the code is unknown or expired at {@code now}. */
  Future<Optional<SurveyJob>> byCode(String code, Instant now);

  /**
   * Keeps one answer (replacing an earlier answer to the same question) and starts the response if it is
   * the first; resolves with false, keeping nothing, when the job is unknown or its response is complete.
   */
  Future<Boolean> saveAnswer(String jobId, String channel, SurveyAnswer answer);

  /** Completes the response; resolves with true only the first time (one response per job). */
  Future<Boolean> complete(String jobId, Instant at);

  Future<Optional<SurveyResponse>> response(String jobId);

  /** Responses matching the query, oldest start first, at most {@code limit}. */
  Future<List<SurveyResponse>> responses(SurveyResponseQuery query, int limit);
}
