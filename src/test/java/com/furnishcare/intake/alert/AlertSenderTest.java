package com.furnishcare.intake.alert;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.alert.AlertTestParts.SetClock;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.support.FakeWeComRobot;
import com.furnishcare.intake.ticket.Backoff;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
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

/** The sender against the fake robot: the message format, retries on 45009, no retries on 93000, the ticket check. */
@ExtendWith(VertxExtension.class)
class AlertSenderTest {

  static final String HQ = "hq000000-1111-2222-3333-444444444444";
  static final String DEALER = "d0571000-1111-2222-3333-444444444444";
  static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");

  @TempDir
  Path dataDir;
  private Vertx vertx;
  private Stores stores;
  private FakeWeComRobot fake;
  private final SetClock clock = new SetClock(T0);
  private final AtomicReference<AlertBook> book = new AtomicReference<>();
  private AlertSender sender;
  private AlertRaiser raiser;
  private WeComRobot robot;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    stores = await(EmbeddedStores.open(vertx, dataDir, StoreSettings.defaults()));
    fake = await(new FakeWeComRobot(Set.of(HQ, DEALER)).start(vertx));
    book.set(AlertTestParts.book(HQ, DEALER));
    DialogBook dialogs = AlertTestParts.dialogs();
    raiser = new AlertRaiser(stores.alerts(), book::get, new AlertTexts(() -> dialogs,
        Optional.of("https://service.brand.example"), Alerts.CHINA), clock, Alerts.CHINA);
    robot = new WeComRobot(vertx, fake.baseUrl());
    sender = new AlertSender(vertx, stores.alerts(), stores.tickets(), book::get, robot,
        new Backoff(Duration.ofMillis(400), Duration.ofMillis(800), new Random(7)), clock);
  }

  @AfterEach
  void stop() {
    await(sender.stop());
    robot.close();
    await(fake.stop());
    await(stores.close());
  }

  private Ticket level3() {
    Ticket t = AlertTestParts.ticket("TK261202-L3AAA", 3, TicketStatus.PENDING, T0, T0.plusSeconds(600),
        T0.plusSeconds(4 * 3600));
    AlertTestParts.file(stores, t);
    return t;
  }

  @Test
  void aLevel3AlertReachesTheDealerAndHeadquartersOnceInTheRobotsFormat() {
    Ticket t = level3();
    assertEquals(2, await(raiser.aboutTicket(AlertKind.LEVEL3, t)));
    assertEquals(0, await(raiser.aboutTicket(AlertKind.LEVEL3, t)), "raised again: nothing new");
    assertEquals(2, await(sender.runOnce()));
    assertEquals(0, await(sender.runOnce()), "sent: nothing left to send");
    assertEquals(List.of(), fake.problems(), "the fake found nothing wrong with the messages");
    assertEquals(1, fake.received(HQ).size());
    assertEquals(1, fake.received(DEALER).size());
    FakeWeComRobot.Posted posted = fake.received(DEALER).get(0);
    assertEquals("markdown", posted.msgtype());
    String content = posted.content();
    assertTrue(content.contains("三级紧急工单") && content.contains("TK261202-L3AAA"), content);
    assertTrue(content.contains("三级（紧急）"), "the level's name from grading.yaml: " + content);
    assertTrue(content.contains("渗水") || content.contains("安全"), "the category's label: " + content);
    assertTrue(content.contains("杭州西湖体验店 (D0571)"), content);
    assertTrue(content.contains("12-02 10:10"), "the first-response deadline in China time: " + content);
    assertTrue(content.contains("(https://service.brand.example/agent/#c=webchat%3Ac-TK261202-L3AAA)"),
        "a link that opens the conversation in the console: " + content);
    assertTrue(content.contains("王*"), "the name masked: " + content);
    assertFalse(content.contains("王芳") || content.contains("13800138000") || content.contains("文三路"),
        "no name, phone or address in a group chat: " + content);
    AlertDelivery sent = await(stores.alerts().get("level3:TK261202-L3AAA@dealer:D0571")).orElseThrow();
    assertEquals(AlertState.SENT, sent.state());
  }

  @Test
  void aRateLimitedAlertIsRetriedLaterAndDeliveredOnce() throws Exception {
    fake.limit(1, Duration.ofSeconds(1));
    Ticket t = level3();
    await(raiser.aboutTicket(AlertKind.LEVEL3, t));
    await(raiser.aboutTicket(AlertKind.SLA_FIRST, t));
    // Two for headquarters in one pass: the robot takes one, answers 45009 to the other.
    assertEquals(4, await(sender.runOnce()));
    List<AlertDelivery> waiting = await(stores.alerts().recent(10)).stream()
        .filter(d -> d.robot().equals("hq") && d.state() == AlertState.PENDING).toList();
    assertEquals(1, waiting.size(), "one of headquarters' two waits: " + await(stores.alerts().recent(10)));
    assertEquals(1, waiting.get(0).attempts());
    assertTrue(waiting.get(0).lastError().startsWith("45009"), waiting.get(0).lastError());
    assertTrue(fake.refusals().stream().anyMatch(r -> r.errcode() == 45009));
    assertEquals(0, await(sender.runOnce()), "not before its back-off");
    Thread.sleep(1100); // the fake's window
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, await(sender.runOnce()), "headquarters' and the dealer's second (limited alike) are due again");
    assertEquals(2, fake.received(HQ).size(), "both reached headquarters");
    assertEquals(2, fake.received(DEALER).size(), "and the dealer");
    assertEquals(2, fake.received(HQ).stream().map(FakeWeComRobot.Posted::content).distinct().count(),
        "each once");
    assertEquals(AlertState.SENT, await(stores.alerts().get(waiting.get(0).id())).orElseThrow().state());
  }

  @Test
  void anUnknownKeyIsRecordedAsFailedWithItsCodeAndNotRetried() {
    book.set(AlertTestParts.book("wrong000-1111-2222-3333-444444444444", DEALER));
    Ticket t = level3();
    await(raiser.aboutTicket(AlertKind.LEVEL3, t));
    await(sender.runOnce());
    AlertDelivery failed = await(stores.alerts().get("level3:TK261202-L3AAA@hq")).orElseThrow();
    assertEquals(AlertState.FAILED, failed.state());
    assertTrue(failed.lastError().startsWith("93000"), failed.lastError());
    clock.advance(Duration.ofHours(2));
    assertEquals(0, await(sender.runOnce()), "never taken again");
    assertEquals(1, fake.refusals().size(), "one refused request, not one per pass");
    assertEquals(1, fake.received(DEALER).size(), "the dealer's robot got its copy all the same");
  }

  @Test
  void anAlertWhoseTicketWasNeverFiledIsDroppedAfterTheGrace() {
    Ticket never = AlertTestParts.ticket("TK261202-GHOST", 3, TicketStatus.PENDING, T0, T0.plusSeconds(600),
        T0.plusSeconds(3600));
    await(raiser.aboutTicket(AlertKind.LEVEL3, never)); // raised before a commit that did not happen
    await(sender.runOnce());
    assertEquals(AlertState.PENDING, await(stores.alerts().get("level3:TK261202-GHOST@hq")).orElseThrow().state(),
        "the turn may still be committing");
    clock.advance(AlertSender.TICKET_GRACE.plusSeconds(1));
    await(sender.runOnce());
    AlertDelivery dropped = await(stores.alerts().get("level3:TK261202-GHOST@hq")).orElseThrow();
    assertEquals(AlertState.DROPPED, dropped.state());
    assertEquals(List.of(), fake.received(), "nothing about a ticket nobody was told of");
  }

  @Test
  void aMessageTooLongIsCutToWhatTheRobotTakes() {
    String longText = "渗".repeat(3000);
    String fitted = MarkdownText.fit(longText, WeComRobot.MARKDOWN_BYTES);
    assertTrue(MarkdownText.bytes(fitted) <= 4096 && fitted.endsWith("…"), "cut with a mark");
    assertEquals(0, await(robot.sendMarkdown(HQ, longText)).errcode());
    String received = fake.received(HQ).get(0).content();
    assertTrue(received.getBytes(StandardCharsets.UTF_8).length <= 4096);
    assertTrue(received.substring(0, received.length() - 2).chars().allMatch(c -> c == '渗'),
        "no character cut in half");
    assertEquals((4096 - 4) / 3, received.length() - 2, "as many whole characters as fit");
    // The fake itself refuses what WeCom refuses: the check can fail.
    JsonObject tooLong = new JsonObject().put("msgtype", "markdown").put("markdown",
        new JsonObject().put("content", longText));
    JsonObject answer = await(WebClient.create(vertx).postAbs(fake.baseUrl() + "/cgi-bin/webhook/send?key=" + HQ)
        .sendJsonObject(tooLong)).bodyAsJsonObject();
    assertEquals(40058, answer.getInteger("errcode"));
    JsonObject wrongShape = new JsonObject().put("msgtype", "markdown").put("text", new JsonObject().put("content", "x"));
    assertEquals(40058, await(WebClient.create(vertx).postAbs(fake.baseUrl() + "/cgi-bin/webhook/send?key=" + HQ)
        .sendJsonObject(wrongShape)).bodyAsJsonObject().getInteger("errcode"));
  }
}
