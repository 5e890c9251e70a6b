package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.alert.AlertDelivery;
import com.furnishcare.intake.alert.AlertKind;
import com.furnishcare.intake.alert.AlertState;
import com.furnishcare.intake.alert.AlertStore;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every backend's alert store must do (and the ticket window the alerts read); run on the embedded store
 * and on a real redis-server.
 */
@ExtendWith(VertxExtension.class)
abstract class AlertStoreContract {

  private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private final List<Stores> opened = new ArrayList<>();

  protected abstract Future<Stores> open(Vertx vertx);

  private Stores stores(Vertx vertx) {
    Stores stores = await(open(vertx));
    opened.add(stores);
    return stores;
  }

  @AfterEach
  void closeAll() {
    opened.forEach(s -> await(s.close()));
  }

  static AlertDelivery delivery(String alertId, String robot, Instant at) {
    return AlertDelivery.raised(alertId, AlertKind.LEVEL3, "TK261202-AAAAA", robot, "## 三级紧急工单 TK261202-AAAAA", at);
  }

  private static List<String> ids(List<AlertDelivery> deliveries) {
    return deliveries.stream().map(AlertDelivery::id).toList();
  }

  @Test
  void anAlertIsKeptOnceHoweverOftenItIsRaised(Vertx vertx) {
    AlertStore s = stores(vertx).alerts();
    AlertDelivery hq = delivery("level3:TK261202-AAAAA", "hq", T0);
    assertEquals(2, await(s.raise(List.of(hq, delivery("level3:TK261202-AAAAA", "dealer:D0571", T0)))));
    AlertDelivery again = AlertDelivery.raised("level3:TK261202-AAAAA", AlertKind.LEVEL3, "TK261202-AAAAA", "hq",
        "other words", T0.plusSeconds(30));
    assertEquals(0, await(s.raise(List.of(again))), "a second raise (another process's sweep) adds nothing");
    assertEquals(Optional.of(hq), await(s.get(hq.id())), "the first raise stands, read back as written");
    assertTrue(await(s.raised("level3:TK261202-AAAAA")));
    assertFalse(await(s.raised("level3:TK261202-BBBBB")));
    assertEquals(1, await(s.raise(List.of(hq, delivery("digest:2026-12-01", "hq", T0), hq))),
        "a batch counts only deliveries not seen before, a repeat inside it included");
  }

  @Test
  void aClaimLeasesDueDeliveriesAndALapsedLeaseMakesThemDueAgain(Vertx vertx) {
    AlertStore s = stores(vertx).alerts();
    await(s.raise(List.of(delivery("a", "hq", T0), delivery("b", "hq", T0.plusSeconds(600)))));
    assertEquals(List.of(), await(s.claimDue(T0.minusSeconds(1), 10, LEASE)), "nothing is due before its time");
    List<AlertDelivery> first = await(s.claimDue(T0, 10, LEASE));
    assertEquals(List.of("a@hq"), ids(first));
    assertEquals(T0.plus(LEASE), first.get(0).nextAttemptAt(), "held until the lease ends");
    assertEquals(List.of(), ids(await(s.claimDue(T0.plusSeconds(30), 10, LEASE))), "leased: nobody else gets it");
    assertEquals(List.of("a@hq"), ids(await(s.claimDue(T0.plusSeconds(61), 10, LEASE))),
        "a sender that died leaves it due again after the lease");
    assertEquals(List.of("a@hq", "b@hq"), ids(await(s.claimDue(T0.plusSeconds(700), 10, LEASE))),
        "earliest due first: the lapsed lease (T0+121 s) before the later delivery (T0+600 s)");
  }

  @Test
  void twoClaimingAtOnceNeverGetTheSameDelivery(Vertx vertx) {
    Stores one = stores(vertx);
    Stores two = stores(vertx);
    List<AlertDelivery> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(delivery("sla-first:T" + i, "hq", T0));
    }
    await(one.alerts().raise(many));
    List<Future<List<AlertDelivery>>> claims = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      claims.add((i % 2 == 0 ? one : two).alerts().claimDue(T0, 7, LEASE));
    }
    await(Future.all(claims));
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (Future<List<AlertDelivery>> c : claims) {
      for (AlertDelivery d : c.result()) {
        assertTrue(seen.add(d.id()), d.id() + " handed out twice");
        total++;
      }
    }
    assertEquals(30, total);
  }

  @Test
  void aRetryWaitsAndAFinishedDeliveryKeepsItsFirstOutcome(Vertx vertx) {
    AlertStore s = stores(vertx).alerts();
    await(s.raise(List.of(delivery("a", "hq", T0), delivery("a", "dealer:D0571", T0))));
    await(s.claimDue(T0, 10, LEASE));
    await(s.retry("a@hq", 1, T0.plusSeconds(5), "45009 api freq out of limit"));
    AlertDelivery waiting = await(s.get("a@hq")).orElseThrow();
    assertEquals(1, waiting.attempts());
    assertEquals("45009 api freq out of limit", waiting.lastError());
    assertEquals(AlertState.PENDING, waiting.state());
    assertEquals(List.of("a@hq"), ids(await(s.claimDue(T0.plusSeconds(5), 10, LEASE))),
        "due at the retry time, not at the end of the old lease");
    await(s.finish("a@hq", AlertState.SENT, "ok", T0.plusSeconds(6)));
    await(s.finish("a@dealer:D0571", AlertState.FAILED, "93000 invalid webhook url", T0.plusSeconds(6)));
    await(s.finish("a@hq", AlertState.FAILED, "late", T0.plusSeconds(9)));
    await(s.retry("a@hq", 5, T0.plusSeconds(9), "late"));
    AlertDelivery sent = await(s.get("a@hq")).orElseThrow();
    assertEquals(AlertState.SENT, sent.state(), "the first outcome stays");
    assertEquals(Optional.of(T0.plusSeconds(6)), sent.finishedAt());
    assertEquals(1, sent.attempts(), "a retry of a finished delivery changes nothing");
    AlertDelivery failed = await(s.get("a@dealer:D0571")).orElseThrow();
    assertEquals(AlertState.FAILED, failed.state());
    assertEquals("93000 invalid webhook url", failed.lastError());
    assertEquals(List.of(), await(s.claimDue(T0.plusSeconds(3600), 10, LEASE)), "finished deliveries are never due");
    assertEquals(2, await(s.raise(List.of(delivery("c", "hq", T0.plusSeconds(1)), delivery("d", "hq",
        T0.plusSeconds(2))))));
    assertEquals(List.of("d@hq", "c@hq"), ids(await(s.recent(2))), "newest first");
  }

  @Test
  void ticketsAreReadByCreationWindow(Vertx vertx) {
    Stores stores = stores(vertx);
    ConversationKey alice = new ConversationKey(ChannelName.WECHAT, "o-alice");
    Ticket a = StoreContract.ticket("TK261202-AAAAA", "DD1", T0);
    Ticket b = StoreContract.ticket("TK261202-BBBBB", "DD2", T0.plusSeconds(60));
    Ticket c = StoreContract.ticket("TK261202-CCCCC", "DD3", T0.plusSeconds(120));
    await(stores.sessions().claim("w1", alice));
    await(stores.sessions().commitTurn(alice, new Session(Map.of(), T0), Duration.ofHours(1), "w1",
        RecordedReply.nothing(), List.of(c, a, b), List.of()));
    assertEquals(List.of(a, b), await(stores.tickets().createdBetween(T0, T0.plusSeconds(120), 10)),
        "oldest first, the end excluded");
    assertEquals(List.of(b, c), await(stores.tickets().createdBetween(T0.plusSeconds(1), T0.plusSeconds(999), 10)));
    assertEquals(List.of(a), await(stores.tickets().createdBetween(T0, T0.plusSeconds(999), 1)));
    assertEquals(List.of(), await(stores.tickets().createdBetween(T0.minusSeconds(60), T0, 10)));
  }
}
