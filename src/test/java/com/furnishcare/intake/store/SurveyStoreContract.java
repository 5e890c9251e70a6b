package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyCodes;
import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import com.furnishcare.intake.core.SurveyResponse;
import com.furnishcare.intake.core.SurveyResponseQuery;
import com.furnishcare.intake.core.SurveyStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every backend's survey store must do; run on the embedded store and on a real redis-server. */
@ExtendWith(VertxExtension.class)
abstract class SurveyStoreContract {

  private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private final List<Stores> opened = new ArrayList<>();

  protected abstract Future<Stores> open(Vertx vertx);

  private SurveyStore store(Vertx vertx) {
    Stores stores = await(open(vertx));
    opened.add(stores);
    return stores.surveys();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(s -> await(s.close()));
  }

  static SurveyJob job(String eventId, String orderNo, String survey, Instant due) {
    return new SurveyJob(eventId, survey, orderNo, Optional.of("13800138000"), Optional.of("o-" + eventId),
        Optional.of("王芳"), Optional.of("D0571"), Optional.of("李师傅"), due.minus(Duration.ofHours(2)),
        due.minusSeconds(5), due);
  }

  static SurveyJob job(String eventId, Instant due) {
    return job(eventId, "DD" + eventId, "post-installation", due);
  }

  @Test
  void anEventIsAcceptedOnceHoweverOftenItIsDispatched(Vertx vertx) {
    SurveyStore s = store(vertx);
    SurveyJob first = job("ev-1", T0);
    assertTrue(await(s.accept(first)));
    assertFalse(await(s.accept(job("ev-1", "DD-other", "post-repair", T0.plusSeconds(9)))), "a retry is no new job");
    assertEquals(Optional.of(first), await(s.job("ev-1")), "the first dispatch stands, read back as written");
    assertEquals(2, await(s.acceptAll(List.of(job("ev-1", T0), job("ev-2", T0), job("ev-3", T0), job("ev-2", T0)))),
        "a batch counts only the events not seen before, a repeat inside the batch included");
    assertEquals(Optional.empty(), await(s.job("ev-nope")));
  }

  @Test
  void aClaimLeasesDueJobsAndALapsedLeaseMakesThemDueAgain(Vertx vertx) {
    SurveyStore s = store(vertx);
    await(s.acceptAll(List.of(job("early", T0), job("late", T0.plusSeconds(600)))));
    assertEquals(List.of(), await(s.claimDue(T0.minusSeconds(1), 10, LEASE)), "nothing is due before its time");
    assertEquals(List.of("early"), ids(await(s.claimDue(T0, 10, LEASE))));
    assertEquals(List.of(), ids(await(s.claimDue(T0.plusSeconds(30), 10, LEASE))), "leased: nobody else gets it");
    assertEquals(List.of("early"), ids(await(s.claimDue(T0.plusSeconds(61), 10, LEASE))),
        "the claimer went quiet past its lease: the job is due again");
    await(s.postpone("early", T0.plusSeconds(300)));
    assertEquals(List.of(), ids(await(s.claimDue(T0.plusSeconds(299), 10, LEASE))), "postponed to 300 s");
    assertEquals(List.of("early"), ids(await(s.claimDue(T0.plusSeconds(300), 10, LEASE))));
    await(s.finish("early", SurveyOutcome.sent("sms"), T0.plusSeconds(301)));
    assertEquals(List.of("late"), ids(await(s.claimDue(T0.plusSeconds(5000), 10, LEASE))), "a finished job never comes back");
    await(s.postpone("early", T0));
    assertEquals(List.of(), ids(await(s.claimDue(T0.plusSeconds(9000), 10, LEASE))).stream()
        .filter("early"::equals).toList(), "postponing a finished job does not bring it back");
  }

  @Test
  void twoClaimersNeverGetTheSameJob(Vertx vertx) {
    SurveyStore a = store(vertx);
    SurveyStore b = store(vertx);
    List<SurveyJob> jobs = IntStream.range(0, 300).mapToObj(i -> job("race-" + i, T0.plusMillis(i))).toList();
    assertEquals(300, await(a.acceptAll(jobs)));
    List<Future<List<SurveyJob>>> claims = new ArrayList<>();
    for (int round = 0; round < 12; round++) {
      claims.add((round % 2 == 0 ? a : b).claimDue(T0.plusSeconds(1), 40, LEASE));
    }
    List<String> all = new ArrayList<>();
    claims.forEach(c -> all.addAll(ids(await(c))));
    assertEquals(300, all.size(), "every job handed out once: " + all.size());
    assertEquals(300, new HashSet<>(all).size(), "no job handed to two claimers");
  }

  @Test
  void theFirstOutcomeIsKeptAndReadBack(Vertx vertx) {
    SurveyStore s = store(vertx);
    await(s.acceptAll(List.of(job("o1", T0), job("o2", T0), job("o3", T0))));
    assertEquals(Optional.empty(), await(s.outcome("o1")), "unfinished");
    SurveyOutcome refused = SurveyOutcome.refused("sms", "FailedOperation.PhoneNumberInBlacklist", "号码在黑名单");
    await(s.finish("o1", refused, T0));
    await(s.finish("o1", SurveyOutcome.sent("wechat"), T0.plusSeconds(1)));
    assertEquals(Optional.of(refused), await(s.outcome("o1")), "a finished job keeps its first outcome");
    await(s.finish("o2", SurveyOutcome.of(SurveyOutcome.Kind.HELD), T0));
    assertEquals(Optional.of(SurveyOutcome.of(SurveyOutcome.Kind.HELD)), await(s.outcome("o2")));
    await(s.finish("o3", SurveyOutcome.sent("wechat"), T0));
    assertEquals(Optional.of(SurveyOutcome.sent("wechat")), await(s.outcome("o3")));
  }

  @Test
  void theLastSurveySentBySmsIsFoundByItsPhone(Vertx vertx) {
    SurveyStore s = store(vertx);
    String phone = "13800138000";
    Instant week = T0.minus(Duration.ofDays(7));
    await(s.acceptAll(List.of(job("sms-1", T0), job("wx-1", T0), job("sms-refused", T0), job("sms-2", T0),
        job("sms-late-report", T0))));
    assertEquals(Optional.empty(), await(s.lastSentBySms(phone, week)), "nothing sent yet");
    await(s.finish("sms-1", SurveyOutcome.sent("sms"), T0));
    assertEquals(Optional.of("sms-1"), await(s.lastSentBySms(phone, week)).map(SurveyJob::id));
    await(s.finish("wx-1", SurveyOutcome.sent("wechat"), T0.plusSeconds(10)));
    await(s.finish("sms-refused", SurveyOutcome.refused("sms", "LimitExceeded", "频率限制"), T0.plusSeconds(20)));
    assertEquals(Optional.of("sms-1"), await(s.lastSentBySms(phone, week)).map(SurveyJob::id),
        "sent on WeChat or refused by SMS does not count");
    await(s.finish("sms-2", SurveyOutcome.sent("sms"), T0.plusSeconds(30)));
    await(s.finish("sms-late-report", SurveyOutcome.sent("sms"), T0.plusSeconds(25)));
    await(s.finish("sms-1", SurveyOutcome.sent("sms"), T0.plusSeconds(40)));
    assertEquals(Optional.of("sms-2"), await(s.lastSentBySms(phone, week)).map(SurveyJob::id),
        "the latest send, whatever order they were recorded in; a job's second outcome changes nothing");
    assertEquals(Optional.of("sms-2"), await(s.lastSentBySms(phone, T0.plusSeconds(30))).map(SurveyJob::id),
        "since is inclusive");
    assertEquals(Optional.empty(), await(s.lastSentBySms(phone, T0.plusSeconds(31))), "none since then");
    assertEquals(Optional.empty(), await(s.lastSentBySms("13900139000", week)), "another phone");
    SurveyJob wechatOnly = new SurveyJob("wx-only", "post-repair", "DD9", Optional.empty(), Optional.of("o-9"),
        Optional.empty(), Optional.empty(), Optional.empty(), T0, T0, T0);
    await(s.accept(wechatOnly));
    await(s.finish("wx-only", SurveyOutcome.sent("sms"), T0.plusSeconds(50)));
    assertEquals(Optional.of("sms-2"), await(s.lastSentBySms(phone, week)).map(SurveyJob::id), "no phone, no entry");
  }

  @Test
  void anOptOutHoldsForeverAndAcrossAReopen(Vertx vertx) {
    SurveyStore s = store(vertx);
    assertFalse(await(s.optedOut("phone:13800138000")));
    await(s.optOut("phone:13800138000", T0));
    await(s.optOut("phone:13800138000", T0.plusSeconds(5)));
    assertTrue(await(s.optedOut("phone:13800138000")));
    assertFalse(await(s.optedOut("phone:13900139000")), "only that number");
    assertTrue(await(store(vertx).optedOut("phone:13800138000")), "still there after a reopen");
  }

  @Test
  void aHomeownerIsBookedForAtMostOneSurveyPerPeriod(Vertx vertx) {
    SurveyStore s = store(vertx);
    Duration period = Duration.ofDays(30);
    assertTrue(await(s.reserveContacts(List.of("phone:13800138000"), T0, period)));
    assertEquals(Optional.of(T0), await(s.lastSurveyed(List.of("wechat:o-x", "phone:13800138000"))));
    assertFalse(await(s.reserveContacts(List.of("wechat:o-x", "phone:13800138000"), T0.plus(Duration.ofDays(1)), period)),
        "the number had one a day ago");
    assertEquals(Optional.empty(), await(s.lastSurveyed(List.of("wechat:o-x"))), "a refused booking books nothing");
    assertTrue(await(s.reserveContacts(List.of("phone:13800138000"), T0.plus(Duration.ofDays(31)), period)),
        "after the period, again");
    Instant later = T0.plus(Duration.ofDays(80));
    Future<Boolean> one = s.reserveContacts(List.of("wechat:o-y"), later, period);
    Future<Boolean> two = s.reserveContacts(List.of("wechat:o-y", "phone:13700137000"), later, period);
    assertEquals(1, List.of(await(one), await(two)).stream().filter(b -> b).count(), "two at once: one booked");
    Instant t = T0.plus(Duration.ofDays(200));
    assertTrue(await(s.reserveContacts(List.of("phone:13600136000"), t, period)));
    await(s.releaseContacts(List.of("phone:13600136000"), t.minusSeconds(1)));
    assertFalse(await(s.reserveContacts(List.of("phone:13600136000"), t.plusSeconds(1), period)),
        "a release for another booking time leaves this one");
    await(s.releaseContacts(List.of("phone:13600136000"), t));
    assertTrue(await(s.reserveContacts(List.of("phone:13600136000"), t.plusSeconds(2), period)),
        "the survey did not go out: released, the homeowner can be asked");
  }

  @Test
  void codesAreShortUniqueAndExpire(Vertx vertx) {
    SurveyStore s = store(vertx);
    await(s.acceptAll(List.of(job("c1", T0), job("c2", T0))));
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      String code = await(s.issueCode(i % 2 == 0 ? "c1" : "c2", T0.plus(Duration.ofDays(7))));
      assertTrue(code.length() == SurveyCodes.LENGTH && code.chars().allMatch(ch -> SurveyCodes.ALPHABET.indexOf(ch) >= 0),
          code);
      codes.add(code);
    }
    assertEquals(300, codes.size(), "every code is new");
    String code = await(s.issueCode("c1", T0.plus(Duration.ofDays(7))));
    assertEquals("c1", await(s.byCode(code, T0.plus(Duration.ofDays(6)))).orElseThrow().id());
    assertEquals("c1", await(s.byCode(code.toLowerCase(), T0)).orElseThrow().id(), "typed in lower case");
    assertEquals(Optional.empty(), await(s.byCode(code, T0.plus(Duration.ofDays(7)))), "expired");
    for (String bad : List.of("", "ABC", "ABCDEFG", "0O1I00", "../../", "ZZZZZZ")) {
      assertEquals(Optional.empty(), await(s.byCode(bad, T0)), bad);
    }
  }

  @Test
  void partialAnswersAreKeptAndAResponseCompletesOnce(Vertx vertx) {
    SurveyStore s = store(vertx);
    await(s.accept(job("r1", T0)));
    assertFalse(await(s.saveAnswer("nobody", "page", answer("q1", 3, T0))), "no such job");
    assertFalse(await(s.complete("r1", T0)), "nothing answered yet");
    assertTrue(await(s.saveAnswer("r1", "page", answer("attitude", 2, T0))));
    assertTrue(await(s.saveAnswer("r1", "wechat", new SurveyAnswer("comment", Optional.empty(), "师傅迟到了, \"很急\"",
        T0.plusSeconds(20)))));
    SurveyResponse partial = await(s.response("r1")).orElseThrow();
    assertEquals(List.of("attitude", "comment"), partial.answers().stream().map(SurveyAnswer::questionId).toList());
    assertEquals("page", partial.channel(), "the channel the response started on");
    assertEquals(T0, partial.startedAt());
    assertEquals(Optional.empty(), partial.completedAt(), "partial");
    assertTrue(await(s.saveAnswer("r1", "page", answer("attitude", 4, T0.plusSeconds(30)))), "changed their mind");
    assertTrue(await(s.complete("r1", T0.plusSeconds(40))));
    assertFalse(await(s.complete("r1", T0.plusSeconds(50))), "one response per job");
    assertFalse(await(s.saveAnswer("r1", "page", answer("attitude", 1, T0.plusSeconds(60)))), "complete: closed");
    SurveyResponse done = await(store(vertx).response("r1")).orElseThrow();
    assertEquals(List.of(answer("attitude", 4, T0.plusSeconds(30)),
        new SurveyAnswer("comment", Optional.empty(), "师傅迟到了, \"很急\"", T0.plusSeconds(20))), done.answers(),
        "the new answer in the first one's place, and the rest as written");
    assertEquals(Optional.of(T0.plusSeconds(40)), done.completedAt());
    assertEquals(job("r1", T0).orderNo(), done.job().orderNo());
  }

  @Test
  void responsesAreFoundByOrderSurveyAndTime(Vertx vertx) {
    SurveyStore s = store(vertx);
    await(s.acceptAll(List.of(job("q1", "DD1", "post-installation", T0), job("q2", "DD1", "post-repair", T0),
        job("q3", "DD2", "post-installation", T0), job("q4", "DD3", "post-design", T0))));
    await(s.saveAnswer("q1", "page", answer("x", 5, T0)));
    await(s.saveAnswer("q2", "sms", answer("x", 2, T0.plus(Duration.ofDays(1)))));
    await(s.saveAnswer("q3", "wechat", answer("x", 4, T0.plus(Duration.ofDays(2)))));
    // q4 was sent but never answered: not a response.
    assertEquals(List.of("q1", "q2", "q3"), responseIds(await(s.responses(SurveyResponseQuery.all(), 100))));
    assertEquals(List.of("q1", "q2"), responseIds(await(s.responses(
        new SurveyResponseQuery(Optional.of("DD1"), Optional.empty(), Optional.empty(), Optional.empty()), 100))));
    assertEquals(List.of("q1", "q3"), responseIds(await(s.responses(
        new SurveyResponseQuery(Optional.empty(), Optional.of("post-installation"), Optional.empty(), Optional.empty()), 100))));
    assertEquals(List.of("q2"), responseIds(await(s.responses(new SurveyResponseQuery(Optional.empty(), Optional.empty(),
        Optional.of(T0.plus(Duration.ofDays(1))), Optional.of(T0.plus(Duration.ofDays(2)))), 100))), "from inclusive, to exclusive");
    assertEquals(List.of("q1", "q2"), responseIds(await(s.responses(SurveyResponseQuery.all(), 2))), "limit");
  }

  private static SurveyAnswer answer(String question, int score, Instant at) {
    return new SurveyAnswer(question, Optional.of(score), "", at);
  }

  private static List<String> ids(List<SurveyJob> jobs) {
    return jobs.stream().map(SurveyJob::id).toList();
  }

  private static List<String> responseIds(List<SurveyResponse> responses) {
    return responses.stream().map(r -> r.job().id()).toList();
  }
}
