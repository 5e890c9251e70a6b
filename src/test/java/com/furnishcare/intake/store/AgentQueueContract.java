package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.AgentQueue;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.Route;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every backend's queue of conversations handed to people must do; embedded and a real redis-server. */
@ExtendWith(VertxExtension.class)
abstract class AgentQueueContract {

  private static final Instant T0 = Instant.parse("2026-12-02T02:00:00Z");
  private final List<Stores> opened = new ArrayList<>();

  protected abstract Future<Stores> open(Vertx vertx);

  private AgentQueue queue(Vertx vertx) {
    Stores stores = await(open(vertx));
    opened.add(stores);
    return stores.agentQueue();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(s -> await(s.close()));
  }

  private static HandoffCase waiting(String user) {
    return HandoffCase.queued(new ConversationKey(ChannelName.WECHAT, user), 3, "door", Optional.of("TK1"),
        new Route("D0571", "杭州西湖体验店", "华东"), T0, T0.plus(Duration.ofHours(2)));
  }

  @Test
  void aCaseOpensOnceAndReadsBackAsWritten(Vertx vertx) {
    AgentQueue q = queue(vertx);
    HandoffCase c = waiting("o-1");
    assertTrue(await(q.open(c)));
    assertFalse(await(q.open(waiting("o-1"))), "a second hand-over of the same conversation is the same case");
    assertEquals(Optional.of(c), await(q.get(c.conversation())));
    assertEquals(List.of(c), await(q.all()));
    assertEquals(Optional.empty(), await(q.get("wechat:nobody")));
  }

  /**
   * A queue of thousands of cases (more than the Redis client's pool may have waiting: 2,048) reads back whole,
   * and a homeowner's look-up made while it is read is answered: the sweep every 10 s reads the whole queue.
   */
  @Test
  void aQueueOfThousandsReadsBackWholeWhileOtherLookUpsGoOn(Vertx vertx) {
    AgentQueue q = queue(vertx);
    int cases = 3_000;
    for (int from = 0; from < cases; from += 100) {
      List<Future<Boolean>> opens = new ArrayList<>();
      for (int i = from; i < from + 100; i++) {
        opens.add(q.open(waiting("o-many-" + i)));
      }
      await(Future.all(opens));
    }
    Future<List<HandoffCase>> everything = q.all();
    Future<Optional<HandoffCase>> one = q.get("wechat:o-many-7");
    assertEquals(cases, await(everything).size());
    assertEquals(Optional.of(waiting("o-many-7")), await(one));
  }

  @Test
  void onlyOneOfTwoAgentsTakesAWaitingCase(Vertx vertx) {
    AgentQueue q = queue(vertx);
    HandoffCase c = waiting("o-2");
    await(q.open(c));
    Instant at = T0.plusSeconds(60);
    Future<Optional<HandoffCase>> wang = q.assign(c.conversation(), Optional.empty(), Optional.of("wang"), at);
    Future<Optional<HandoffCase>> li = q.assign(c.conversation(), Optional.empty(), Optional.of("li"), at);
    List<Optional<HandoffCase>> outcomes = List.of(await(wang), await(li));
    assertEquals(1, outcomes.stream().filter(Optional::isPresent).count(), "exactly one agent owns it");
    String winner = outcomes.stream().flatMap(Optional::stream).findFirst().orElseThrow().owner().orElseThrow();
    HandoffCase stored = await(q.get(c.conversation())).orElseThrow();
    assertEquals(Optional.of(winner), stored.owner());
    assertEquals(Optional.of(at), stored.takenAt());
  }

  @Test
  void reassignAndHandBackCompareTheCurrentOwner(Vertx vertx) {
    AgentQueue q = queue(vertx);
    HandoffCase c = waiting("o-3");
    await(q.open(c));
    await(q.assign(c.conversation(), Optional.empty(), Optional.of("wang"), T0));
    assertEquals(Optional.of("li"), await(q.assign(c.conversation(), Optional.of("wang"), Optional.of("li"),
        T0.plusSeconds(5))).orElseThrow().owner(), "a supervisor moves it from wang to li");
    assertFalse(await(q.close(c.conversation(), Optional.of("wang"))), "wang no longer owns it: his hand-back is void");
    assertTrue(await(q.assign(c.conversation(), Optional.of("wang"), Optional.empty(), T0)).isEmpty());
    HandoffCase back = await(q.assign(c.conversation(), Optional.of("li"), Optional.empty(), T0.plusSeconds(9)))
        .orElseThrow();
    assertTrue(back.waiting(), "back in the queue");
    assertFalse(await(q.close(c.conversation(), Optional.of("li"))));
    assertTrue(await(q.close(c.conversation(), Optional.empty())));
    assertEquals(Optional.empty(), await(q.get(c.conversation())));
    assertEquals(List.of(), await(q.all()));
    assertTrue(await(q.assign(c.conversation(), Optional.empty(), Optional.of("wang"), T0)).isEmpty(),
        "a closed case cannot be taken");
  }

  @Test
  void marksStampAnOpenCaseAndTheFirstResponseOnlyOnce(Vertx vertx) {
    AgentQueue q = queue(vertx);
    HandoffCase c = waiting("o-4");
    await(q.open(c));
    assertTrue(c.overdue(T0.plus(Duration.ofHours(3))));
    await(q.mark(c.conversation(), AgentQueue.Mark.INBOUND, T0.plusSeconds(30)));
    await(q.mark(c.conversation(), AgentQueue.Mark.FIRST_RESPONSE, T0.plusSeconds(40)));
    await(q.mark(c.conversation(), AgentQueue.Mark.FIRST_RESPONSE, T0.plusSeconds(50)));
    await(q.mark(c.conversation(), AgentQueue.Mark.OWNER_SEEN, T0.plusSeconds(60)));
    HandoffCase marked = await(q.get(c.conversation())).orElseThrow();
    assertEquals(T0.plusSeconds(30), marked.lastInboundAt());
    assertEquals(Optional.of(T0.plusSeconds(40)), marked.firstResponseAt());
    assertEquals(T0.plusSeconds(60), marked.ownerSeenAt());
    assertFalse(marked.overdue(T0.plus(Duration.ofHours(3))), "answered in time is never overdue");
    await(q.close(c.conversation(), Optional.empty()));
    await(q.mark(c.conversation(), AgentQueue.Mark.INBOUND, T0.plusSeconds(90)));
    assertEquals(Optional.empty(), await(q.get(c.conversation())), "a late mark does not bring a closed case back");
  }

  @Test
  void casesSurviveAReopenOfTheStore(Vertx vertx) {
    AgentQueue first = queue(vertx);
    HandoffCase c = waiting("o-5");
    await(first.open(c));
    await(first.assign(c.conversation(), Optional.empty(), Optional.of("wang"), T0));
    AgentQueue second = queue(vertx);
    assertEquals(Optional.of("wang"), await(second.get(c.conversation())).orElseThrow().owner());
  }
}
