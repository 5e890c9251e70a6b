package com.furnishcare.intake.alert;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.alert.AlertTestParts.SetClock;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.support.FakeWeComRobot;
import com.furnishcare.intake.ticket.Backoff;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What the sweeps find on their own: deadlines about to pass, dead letters, the daily digest, missed level-3 alerts. */
@ExtendWith(VertxExtension.class)
class AlertSweepsTest {

  static final String HQ = AlertSenderTest.HQ;
  static final String DEALER = AlertSenderTest.DEALER;
  /** 10:00 in China. */
  static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");

  @TempDir
  Path dataDir;
  private Stores stores;
  private FakeWeComRobot fake;
  private final SetClock clock = new SetClock(T0);
  private final AtomicReference<AlertBook> book = new AtomicReference<>();
  private AlertSender sender;
  private WeComRobot robot;
  private AlertRaiser raiser;
  private DialogBook dialogs;

  @BeforeEach
  void start(Vertx vertx) {
    stores = await(EmbeddedStores.open(vertx, dataDir, StoreSettings.defaults()));
    fake = await(new FakeWeComRobot(Set.of(HQ, DEALER)).start(vertx));
    // The digest has its own test; elsewhere it would add yesterday's (it is past 08:30 at T0).
    AlertBook all = AlertTestParts.book(HQ, DEALER);
    book.set(new AlertBook(all.robotKeys(), all.slaWarning(), all.digestAt(), java.util.EnumSet.complementOf(
        java.util.EnumSet.of(AlertKind.DIGEST)), all.messages()));
    dialogs = AlertTestParts.dialogs();
    raiser = new AlertRaiser(stores.alerts(), book::get, new AlertTexts(() -> dialogs,
        Optional.of("https://service.brand.example"), Alerts.CHINA), clock, Alerts.CHINA);
    robot = new WeComRobot(vertx, fake.baseUrl());
    sender = new AlertSender(vertx, stores.alerts(), stores.tickets(), book::get, robot,
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(200), new Random(3)), clock);
  }

  /** A sweeper as one gateway process has it; two of them on one store behave as two processes. */
  private AlertSweeps sweeps(Vertx vertx) {
    return new AlertSweeps(vertx, stores.tickets(), stores.outbox(), stores.alerts(), raiser, book::get,
        new TicketDigestFigures(stores.tickets(), clock, Alerts.CHINA), clock, Alerts.CHINA);
  }

  @AfterEach
  void stop() {
    await(sender.stop());
    robot.close();
    await(fake.stop());
    await(stores.close());
  }

  private List<String> states() {
    return await(stores.alerts().recent(100)).stream().map(d -> d.id() + "=" + d.state().wireName()).sorted().toList();
  }

  @Test
  void aDeadlineWithinTheLeadTimeIsWarnedAboutOnce(Vertx vertx) {
    Ticket soon = AlertTestParts.ticket("TK261202-SOON1", 2, TicketStatus.PENDING, T0, T0.plus(Duration.ofMinutes(50)),
        T0.plus(Duration.ofHours(24)));
    Ticket done = AlertTestParts.ticket("TK261202-DONE1", 2, TicketStatus.RESOLVED, T0, T0.plus(Duration.ofMinutes(50)),
        T0.plus(Duration.ofMinutes(50)));
    AlertTestParts.file(stores, soon, done);
    AlertSweeps one = sweeps(vertx);
    AlertSweeps two = sweeps(vertx);
    assertEquals(0, await(one.runOnce()), "50 minutes away, the lead is 30");
    clock.advance(Duration.ofMinutes(25));
    assertEquals(2, await(one.runOnce()), "25 minutes before: the dealer's group and headquarters");
    assertEquals(0, await(two.runOnce()), "another process finds the same warning: nothing new");
    clock.advance(Duration.ofMinutes(10));
    assertEquals(0, await(one.runOnce()), "and later sweeps neither");
    await(sender.runOnce());
    assertEquals(1, fake.received(DEALER).size());
    assertEquals(1, fake.received(HQ).size());
    String content = fake.received(HQ).get(0).content();
    assertTrue(content.contains("首次响应即将超时") && content.contains("TK261202-SOON1") && content.contains("10:50"),
        content);
    assertEquals(List.of("sla-first:TK261202-SOON1:202612021050@dealer:D0571=sent",
        "sla-first:TK261202-SOON1:202612021050@hq=sent"), states(), "nothing about the resolved ticket");
    // 23 h 30 later its resolution deadline is near (a pending ticket's first response long passed).
    clock.set(T0.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(20)));
    assertEquals(2, await(one.runOnce()));
    assertTrue(states().contains("sla-resolution:TK261202-SOON1:202612031000@hq=pending"), states().toString());
  }

  @Test
  void aShortDeadlineIsWarnedAboutWhenHalfItsTimeIsGoneNotWhenFiled(Vertx vertx) {
    Ticket urgent = AlertTestParts.ticket("TK261202-URG01", 3, TicketStatus.PENDING, T0, T0.plus(Duration.ofMinutes(10)),
        T0.plus(Duration.ofHours(4)));
    AlertTestParts.file(stores, urgent);
    book.set(new AlertBook(book.get().robotKeys(), book.get().slaWarning(), book.get().digestAt(),
        Set.of(AlertKind.SLA_FIRST), book.get().messages()));
    AlertSweeps sweeps = sweeps(vertx);
    assertEquals(0, await(sweeps.runOnce()), "10 minutes to answer, the lead 30: not at once (its level-3 alert is news enough)");
    clock.advance(Duration.ofMinutes(4));
    assertEquals(0, await(sweeps.runOnce()));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(2, await(sweeps.runOnce()), "5 minutes before");
  }

  @Test
  void aDeadLetterIsReportedToHeadquartersOnceEachTimeItDies(Vertx vertx) {
    Ticket t = AlertTestParts.ticket("TK261202-DEAD1", 1, TicketStatus.PENDING, T0, T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofDays(3)));
    AlertTestParts.file(stores, t);
    OutboxEntry taken = await(stores.outbox().takeDue(T0, Duration.ofSeconds(60), 10)).get(0);
    await(stores.outbox().failed(taken.ticketId(), 8, T0.plusSeconds(30), "RT answered 500", true));
    AlertSweeps sweeps = sweeps(vertx);
    assertEquals(1, await(sweeps.runOnce()), "headquarters only");
    assertEquals(0, await(sweeps.runOnce()));
    await(sender.runOnce());
    assertEquals(List.of(), fake.received(DEALER));
    String content = fake.received(HQ).get(0).content();
    assertTrue(content.contains("工单未能送达工单系统") && content.contains("TK261202-DEAD1") && content.contains("8 次")
        && content.contains("RT answered 500"), content);
    // An admin re-queues it; it dies again: that is news again.
    assertTrue(await(stores.outbox().requeue(t.id(), T0.plusSeconds(60))));
    OutboxEntry again = await(stores.outbox().takeDue(T0.plusSeconds(60), Duration.ofSeconds(60), 10)).get(0);
    await(stores.outbox().failed(again.ticketId(), 8, T0.plusSeconds(90), "RT answered 503", true));
    assertEquals(1, await(sweeps.runOnce()));
  }

  @Test
  void theDigestGoesOnceAfterItsTimeWithYesterdaysNumbers(Vertx vertx) {
    Ticket late = AlertTestParts.ticket("TK261202-DIG01", 3, TicketStatus.PENDING, T0, T0.plus(Duration.ofMinutes(10)),
        T0.plus(Duration.ofHours(4)));
    Ticket taken = AlertTestParts.ticket("TK261202-DIG02", 2, TicketStatus.IN_PROGRESS, T0.plusSeconds(60),
        T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(24)));
    Ticket beijing = new Ticket("TK261202-DIG03", TicketStatus.PENDING, 1, "color_difference", "李雷", "13900139000",
        "BJ1", "", "", "", List.of(), taken.channel(), "c-bj", T0.plusSeconds(120), T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofDays(3)), "", false, "", List.of(), new Route("D0010", "北京朝阳店", "华北"), "");
    Ticket dayBefore = AlertTestParts.ticket("TK261201-OLD01", 1, TicketStatus.PENDING, T0.minus(Duration.ofDays(1)),
        T0, T0);
    // Taken up 90 minutes after its 60-minute deadline: a miss, though no longer pending.
    Ticket takenLate = withFirstResponse(AlertTestParts.ticket("TK261202-DIG04", 2, TicketStatus.IN_PROGRESS,
        T0.plusSeconds(180), T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(24))), T0.plus(Duration.ofMinutes(150)));
    // Filed at 23:50 with a deadline after the digest's 08:30: not counted yet.
    Ticket notYetDue = AlertTestParts.ticket("TK261202-DIG05", 1, TicketStatus.PENDING,
        Instant.parse("2026-12-02T15:50:00Z"), Instant.parse("2026-12-03T03:50:00Z"), Instant.parse("2026-12-05T15:50:00Z"));
    AlertTestParts.file(stores, late, taken, beijing, takenLate, notYetDue);
    AlertTestParts.file(stores, dayBefore);
    // Only the digest in this test.
    AlertBook all = AlertTestParts.book(HQ, DEALER);
    book.set(new AlertBook(all.robotKeys(), all.slaWarning(), all.digestAt(), Set.of(AlertKind.DIGEST), all.messages()));
    AlertSweeps one = sweeps(vertx);
    AlertSweeps two = sweeps(vertx);
    clock.set(Instant.parse("2026-12-03T00:29:00Z")); // 08:29 China
    assertEquals(0, await(one.runOnce()), "before 08:30 nothing");
    clock.set(Instant.parse("2026-12-03T00:30:00Z"));
    assertEquals(1, await(one.runOnce()), "at 08:30 yesterday's digest, to headquarters");
    assertEquals(0, await(two.runOnce()), "the other process finds it raised");
    clock.set(Instant.parse("2026-12-03T09:00:00Z"));
    assertEquals(0, await(one.runOnce()), "once a day");
    await(sender.runOnce());
    assertEquals(List.of(), fake.received(DEALER));
    assertEquals(1, fake.received(HQ).size());
    String content = fake.received(HQ).get(0).content();
    assertTrue(content.contains("昨日客诉日报 2026-12-02"), content);
    assertTrue(content.contains("新建工单：5（一级 2 · 二级 2 · 三级（紧急） 1）"), content);
    assertTrue(content.contains("首次响应达标率：25.0% (1/4)"), content);
    int beijingAt = content.indexOf("1. 北京朝阳店 (D0010) 0.0% (0/1)");
    int hangzhouAt = content.indexOf("2. 杭州西湖体验店 (D0571) 33.3% (1/3)");
    assertTrue(beijingAt > 0 && hangzhouAt > beijingAt, "worst first: " + content);
    clock.set(Instant.parse("2026-12-04T00:31:00Z"));
    assertEquals(1, await(two.runOnce()), "the next day, the next digest");
    assertTrue(await(stores.alerts().raised("digest:2026-12-03")));
  }

  private static Ticket withFirstResponse(Ticket t, Instant at) {
    return new Ticket(t.id(), t.status(), t.level(), t.category(), t.customerName(), t.phone(), t.orderNo(), t.address(),
        t.description(), t.wants(), t.attachments(), t.channel(), t.userId(), t.createdAt(), t.firstResponseDueAt(),
        t.resolutionDueAt(), t.occurredOn(), t.needsAgent(), t.escalation(), t.transcript(), t.route(), t.installer(),
        Optional.of(at), Optional.empty(), 0, "");
  }

  @Test
  void aLevel3TicketWhoseAlertWasNotRaisedWithItsTurnIsFoundBySweeping(Vertx vertx) {
    Ticket t = AlertTestParts.ticket("TK261202-MISS1", 3, TicketStatus.PENDING, T0, T0.plus(Duration.ofHours(2)),
        T0.plus(Duration.ofHours(4)));
    AlertTestParts.file(stores, t); // committed without the alert hook, as after a failed raise
    clock.advance(Duration.ofMinutes(1));
    assertEquals(2, await(sweeps(vertx).runOnce()));
    assertEquals(List.of("level3:TK261202-MISS1@dealer:D0571=pending", "level3:TK261202-MISS1@hq=pending"), states());
  }

  @Test
  void aSurveyFollowUpWhoseAlertWasNotRaisedWithItsTurnIsFoundBySweeping(Vertx vertx) {
    Ticket t = AlertTestParts.ticket("TK261202-MISS2", 2, TicketStatus.PENDING, T0, T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofHours(24))).fromSurvey();
    Ticket plain = AlertTestParts.ticket("TK261202-PLAIN", 2, TicketStatus.PENDING, T0, T0.plus(Duration.ofHours(1)),
        T0.plus(Duration.ofHours(24)));
    AlertTestParts.file(stores, t, plain); // committed without the alert hook, as after a failed raise
    clock.advance(Duration.ofMinutes(1));
    assertEquals(2, await(sweeps(vertx).runOnce()), "the follow-up's alert, to its dealer and headquarters");
    assertEquals(List.of("survey-low:TK261202-MISS2@dealer:D0571=pending", "survey-low:TK261202-MISS2@hq=pending"),
        states());
    assertEquals(0, await(sweeps(vertx).runOnce()), "once");
  }
}
