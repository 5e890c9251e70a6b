package com.furnishcare.intake.web;

import com.furnishcare.intake.core.SurveyJob;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code POST /api/surveys/dispatch}: one event object or {@code {"events": [...]}}, every
 * field checked; the first bad one is reported with its index and name and nothing of the batch is taken.
 * The limits below bound one event to about 1 KB even with every character escaped, which is what
 * {@link #BODY_LIMIT} is sized from.
 */
final class SurveyEvents {

  static final int MAX_EVENTS = 10_000;
  /**
   * 10,000 events of at most ~1,100 bytes each (every field at its limit, Chinese names as {@code \\uXXXX}
   * escapes, pretty-printed): 12 MiB. A typical event is ~300 bytes, a typical full batch ~3 MB.
   */
  static final int BODY_LIMIT = 12 * 1024 * 1024;
  /** A service this far ahead is not a service event but a mistake (a year typed wrong). */
  static final Duration MAX_AHEAD = Duration.ofDays(30);
  /** The times the stores can keep (as epoch milliseconds). */
  static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
  static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9._/-]{1,40}");
  private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern OPEN_ID = Pattern.compile("[A-Za-z0-9_-]{6,64}");

  /** A field that is not as it must be: where, which, and what it must be. */
  static final class Invalid extends Exception {
    final int index;
    final String field;

    Invalid(int index, String field, String message) {
      super(message, null, false, false);
      this.index = index;
      this.field = field;
    }
  }

  private final Predicate<String> knownSurveys;

  SurveyEvents(Predicate<String> knownSurveys) {
    this.knownSurveys = knownSurveys;
  }

  /** The events as jobs accepted at {@code now}, due at their service time or now, whichever is later. */
  List<SurveyJob> read(Buffer body, Instant now) throws Invalid {
    String text = body.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
    if (!text.startsWith("{")) {
      throw new Invalid(-1, "", "the body must be one event object or {\"events\": [...]}");
    }
    JsonObject object;
    try {
      object = new JsonObject(text);
    } catch (DecodeException e) {
      throw new Invalid(-1, "", "the body is not JSON");
    }
    if (!object.containsKey("events")) {
      return List.of(job(object, 0, now));
    }
    if (!(object.getValue("events") instanceof JsonArray events) || events.isEmpty()) {
      throw new Invalid(-1, "events", "events must be a non-empty array of event objects");
    }
    if (events.size() > MAX_EVENTS) {
      throw new Invalid(-1, "events", "at most " + MAX_EVENTS + " events per call, got " + events.size());
    }
    List<SurveyJob> jobs = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (!(events.getValue(i) instanceof JsonObject event)) {
        throw new Invalid(i, "", "events[" + i + "] must be an object");
      }
      // A repeat inside one batch is a duplicate like a repeat across calls: the store counts it, sends it once.
      jobs.add(job(event, i, now));
    }
    return jobs;
  }

  private SurveyJob job(JsonObject e, int i, Instant now) throws Invalid {
    String eventId = required(e, i, "eventId", EVENT_ID, "1-64 letters, digits or . _ : -");
    String survey = required(e, i, "survey", null, null);
    if (!knownSurveys.test(survey)) {
      throw new Invalid(i, "survey", at(i, "survey") + " is not a known survey id");
    }
    String orderNo = required(e, i, "orderNo", ORDER_NO, "1-40 letters, digits or . _ / -");
    Optional<String> phone = optional(e, i, "phone", PHONE, "an 11-digit mainland mobile number");
    Optional<String> openId = optional(e, i, "wechatOpenId", OPEN_ID, "a WeChat OpenID (6-64 letters, digits, _ or -)");
    if (phone.isEmpty() && openId.isEmpty()) {
      throw new Invalid(i, "phone", at(i, "phone") + " or wechatOpenId is required: without either nobody can be asked");
    }
    Optional<String> name = text(e, i, "customerName", 30);
    Optional<String> dealer = text(e, i, "dealer", 40);
    Optional<String> installer = text(e, i, "installer", 30);
    String rawAt = required(e, i, "serviceAt", null, null);
    Instant serviceAt;
    try {
      serviceAt = OffsetDateTime.parse(rawAt).toInstant();
    } catch (DateTimeParseException ex) {
      throw new Invalid(i, "serviceAt", at(i, "serviceAt")
          + " must be an ISO-8601 time with its offset, e.g. 2026-12-01T15:30:00+08:00");
    }
    if (serviceAt.isBefore(EARLIEST)) {
      // "-999999999-01-01T00:00:00Z" parses, but no store can keep it: it failed the whole batch with a 503.
      throw new Invalid(i, "serviceAt", at(i, "serviceAt") + " is out of range");
    }
    if (serviceAt.isAfter(now.plus(MAX_AHEAD))) {
      throw new Invalid(i, "serviceAt", at(i, "serviceAt") + " is more than 30 days ahead");
    }
    Instant due = serviceAt.isAfter(now) ? serviceAt : now;
    return new SurveyJob(eventId, survey, orderNo, phone, openId, name, dealer, installer, serviceAt, now, due);
  }

  private static String required(JsonObject e, int i, String field, Pattern shape, String what) throws Invalid {
    Object value = e.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new Invalid(i, field, at(i, field) + " is required (a string)");
    }
    String v = s.strip();
    if (shape != null && !shape.matcher(v).matches()) {
      throw new Invalid(i, field, at(i, field) + " must be " + what);
    }
    if (v.length() > 64) {
      throw new Invalid(i, field, at(i, field) + " is too long");
    }
    return v;
  }

  private static Optional<String> optional(JsonObject e, int i, String field, Pattern shape, String what) throws Invalid {
    Object value = e.getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return Optional.empty();
    }
    if (!(value instanceof String s) || !shape.matcher(s.strip()).matches()) {
      throw new Invalid(i, field, at(i, field) + " must be " + what);
    }
    return Optional.of(s.strip());
  }

  private static Optional<String> text(JsonObject e, int i, String field, int maxChars) throws Invalid {
    Object value = e.getValue(field);
    if (value == null || value instanceof String s && s.isBlank()) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new Invalid(i, field, at(i, field) + " must be a string");
    }
    String v = s.strip();
    if (v.codePointCount(0, v.length()) > maxChars || v.chars().anyMatch(Character::isISOControl)) {
      throw new Invalid(i, field, at(i, field) + " must be at most " + maxChars + " characters, without control characters");
    }
    return Optional.of(v);
  }

  private static String at(int i, String field) {
    return "events[" + i + "]." + field;
  }
}
