package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One survey to send, made from one service event of the order/service system. The event's id is the
 * job's id: the same event dispatched again is the same job, so it is sent at most once.
 *
 * @param eventId the order system's id of the service event (also the job id)
 * @param survey the survey to send ({@code post-installation}, {@code return-visit}, …)
 * @param phone an 11-digit mainland mobile number, if known
 * @param wechatOpenId the homeowner's OpenID on the official account, if known
 * @param serviceAt when the service (installation, repair, …) took place
 * @param createdAt when the gateway accepted the event
 * @param dueAt when it is to be sent (no earlier than acceptance; quiet hours move it to the morning)
 */
public record SurveyJob(String eventId, String survey, String orderNo, Optional<String> phone,
    Optional<String> wechatOpenId, Optional<String> customerName, Optional<String> dealer, Optional<String> installer,
    Instant serviceAt, Instant createdAt, Instant dueAt) {

  public SurveyJob {
    Objects.requireNonNull(eventId);
    Objects.requireNonNull(survey);
    Objects.requireNonNull(orderNo);
    Objects.requireNonNull(serviceAt);
    Objects.requireNonNull(createdAt);
    Objects.requireNonNull(dueAt);
  }

  public String id() {
    return eventId;
  }

  /**
   * How opt-outs and the once-per-period rule know the homeowner: {@code phone:<number>} and
   * {@code wechat:<openid>}, whichever the job has.
   */
  public List<String> contacts() {
    List<String> contacts = new ArrayList<>(2);
    phone.ifPresent(p -> contacts.add(phoneContact(p)));
    wechatOpenId.ifPresent(o -> contacts.add(wechatContact(o)));
    return contacts;
  }

  public static String phoneContact(String phone) {
    return "phone:" + phone;
  }

  public static String wechatContact(String openId) {
    return "wechat:" + openId;
  }

  public SurveyJob dueAt(Instant when) {
    return new SurveyJob(eventId, survey, orderNo, phone, wechatOpenId, customerName, dealer, installer, serviceAt,
        createdAt, when);
  }
}
