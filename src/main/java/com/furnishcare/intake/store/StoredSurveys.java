package com.furnishcare.intake.store;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** Survey jobs, outcomes and answers as JSON, the same in both backends. */
public final class StoredSurveys {

  private StoredSurveys() {}

  /** The job's fixed part (its due time is stored beside it, where the queue can move it). */
  public static String job(SurveyJob j) {
    return new JsonObject().put("eventId", j.eventId()).put("survey", j.survey()).put("orderNo", j.orderNo())
        .put("phone", j.phone().orElse(null)).put("wechatOpenId", j.wechatOpenId().orElse(null))
        .put("customerName", j.customerName().orElse(null)).put("dealer", j.dealer().orElse(null))
        .put("installer", j.installer().orElse(null)).put("serviceAt", j.serviceAt().toEpochMilli())
        .put("createdAt", j.createdAt().toEpochMilli())
        .put("dueAt", j.dueAt().toEpochMilli()).encode();
  }

  /** A job as accepted (its first due time), for a job no longer in the queue. */
  public static SurveyJob job(String json) {
    JsonObject o = new JsonObject(json);
    return job(json, o.getLong("dueAt", o.getLong("createdAt")));
  }

  public static SurveyJob job(String json, long dueAtMillis) {
    JsonObject o = new JsonObject(json);
    return new SurveyJob(o.getString("eventId"), o.getString("survey"), o.getString("orderNo"),
        Optional.ofNullable(o.getString("phone")), Optional.ofNullable(o.getString("wechatOpenId")),
        Optional.ofNullable(o.getString("customerName")), Optional.ofNullable(o.getString("dealer")),
        Optional.ofNullable(o.getString("installer")), Instant.ofEpochMilli(o.getLong("serviceAt")),
        Instant.ofEpochMilli(o.getLong("createdAt")), Instant.ofEpochMilli(dueAtMillis));
  }

  public static String outcome(SurveyOutcome outcome, Instant at) {
    return new JsonObject().put("kind", outcome.kind().wire()).put("channel", outcome.channel().orElse(null))
        .put("code", outcome.code().orElse(null)).put("message", outcome.message().orElse(null))
        .put("at", at.toEpochMilli()).encode();
  }

  public static SurveyOutcome outcome(String json) {
    JsonObject o = new JsonObject(json);
    return new SurveyOutcome(SurveyOutcome.Kind.fromWire(o.getString("kind")), Optional.ofNullable(o.getString("channel")),
        Optional.ofNullable(o.getString("code")), Optional.ofNullable(o.getString("message")));
  }

  public static String answer(SurveyAnswer a) {
    return new JsonObject().put("questionId", a.questionId()).put("score", a.score().orElse(null))
        .put("value", a.value()).put("at", a.answeredAt().toEpochMilli()).encode();
  }

  public static SurveyAnswer answer(String json) {
    JsonObject o = new JsonObject(json);
    return new SurveyAnswer(o.getString("questionId"), Optional.ofNullable(o.getInteger("score")),
        o.getString("value", ""), Instant.ofEpochMilli(o.getLong("at")));
  }
}
