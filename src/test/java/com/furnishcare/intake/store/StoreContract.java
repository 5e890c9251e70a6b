package com.furnishcare.intake.store;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.AgentSessionTokens;
import com.furnishcare.intake.core.AgentSessions;
import com.furnishcare.intake.core.AuditEntry;
import com.furnishcare.intake.core.CallbackNonces.Sighting;
import com.furnishcare.intake.core.NonceCheck;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.HandoffCase;
import com.furnishcare.intake.core.SessionStore;
import com.furnishcare.intake.core.ClaimedTurn;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.SessionVersion;
import com.furnishcare.intake.core.OutboxEntry;
import com.furnishcare.intake.core.OutboxStats;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketQuery;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.core.TokenCache.CachedToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every store backend must do; run against the embedded store and against a real redis-server. */
@ExtendWith(VertxExtension.class)
public abstract class StoreContract {

  protected static final StoreSettings SETTINGS =
      new StoreSettings(Duration.ofMillis(400), Duration.ofHours(1));
  /** How long the contract's sessions live; each commit says it, like a web chat's short first turn. */
  private static final Duration IDLE = Duration.ofHours(1);

  private final List<Stores> opened = new ArrayList<>();
  private final ConversationKey alice = new ConversationKey(ChannelName.WECHAT, "o-alice");

  /** Opens the backend; a second call must see the same data (a restart, or another process). */
  protected abstract Future<Stores> open(Vertx vertx, StoreSettings settings);

  /**
   * Puts a finished turn in the store exactly as the previous version of the gateway wrote it, with
   * {@code replyJson} as its recorded answer (the store must already be open).
   */
  protected abstract void recordTurnAsPreviousVersion(String messageKey, String replyJson) throws Exception;

  /**
   * Stores a session text for {@code key} as a gateway before version tokens wrote it (or an older process in a
   * rolling upgrade writes it), replacing what is stored.
   */
  protected abstract void storeSessionAsPreviousVersion(ConversationKey key, String text) throws Exception;

  /** Whether the store is on a Redis Cluster (where a claim's script cannot reach the agent queue's slot). */
  protected boolean clustered() {
    return false;
  }

  private Stores stores(Vertx vertx) {
    return stores(vertx, SETTINGS);
  }

  private Stores stores(Vertx vertx, StoreSettings settings) {
    Stores stores = await(open(vertx, settings));
    opened.add(stores);
    return stores;
  }

  @AfterEach
  void closeAll() {
    for (Stores s : opened) {
      await(s.close());
    }
  }

  /** A commit written without a transcript; answers it. */
  private static CommitOutcome.Committed assertPlainCommit(CommitOutcome outcome) {
    CommitOutcome.Committed committed = assertInstanceOf(CommitOutcome.Committed.class, outcome);
    assertFalse(committed.transcriptWritten());
    assertEquals(0, committed.transcriptLastSeq());
    return committed;
  }

  private static Session session(String count) {
    return new Session(Map.of("messageCount", count, "name", "张女士"), Instant.ofEpochMilli(1_700_000_000_000L));
  }

  @Test
  void unknownConversationHasNoSession(Vertx vertx) {
    assertEquals(Optional.empty(), await(stores(vertx).sessions().load(alice)));
  }

  @Test
  void committedTurnIsReadBackWithItsReply(Vertx vertx) {
    Stores stores = stores(vertx);
    assertInstanceOf(MessageClaim.Claimed.class, await(stores.sessions().claim("m1", alice)));
    RecordedReply reply = new RecordedReply(List.of("已收到"), List.of("第二段"), List.of(Reply.text("已收到"), Reply.text("第二段")));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "m1", reply, List.of(), List.of()));
    assertEquals(session("1"), await(stores.sessions().load(alice)).orElseThrow());
    MessageClaim again = await(stores.sessions().claim("m1", alice));
    assertEquals(new MessageClaim.Completed(reply), again);
  }

  @Test
  void repliesAsDataAreRecordedWithTheTurnAndSurviveReopening(Vertx vertx) {
    List<Reply.Option> yesNo = List.of(new Reply.Option("yes", "是"), new Reply.Option("no", "否"));
    RecordedReply reply = new RecordedReply(List.of("请选择：\n1. 投诉\n2. 常见问题"), List.of("提交吗？"), List.of(
        Reply.choices("请选择：", List.of(new Reply.Option("complaint", "投诉"), new Reply.Option("faq:radiator-leak", "常见问题"))),
        new Reply(Reply.Kind.CONFIRM, "提交吗？", yesNo, Map.of()),
        new Reply(Reply.Kind.TICKET, "已登记。", List.of(), Map.of("ticketId", "TK231114-ABCDE", "level", "1"))));
    Stores first = stores(vertx);
    await(first.sessions().claim("s1", alice));
    await(first.sessions().commitTurn(alice, session("1"), IDLE, "s1", reply, List.of(), List.of()));
    assertEquals(new MessageClaim.Completed(reply), await(stores(vertx).sessions().claim("s1", alice)));
  }

  @Test
  void aTurnRecordedByThePreviousVersionIsReadWithItsTextsAsPlainReplies(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    recordTurnAsPreviousVersion("old1", "{\"passive\":[\"请选择：\\n1. 投诉\"],\"pushed\":[\"第二段\"]}");
    recordTurnAsPreviousVersion("old2", "{\"passive\":\"您好\"}"); // the oldest form: one passive string
    assertEquals(new MessageClaim.Completed(new RecordedReply(List.of("请选择：\n1. 投诉"), List.of("第二段"),
            List.of(Reply.text("请选择：\n1. 投诉"), Reply.text("第二段")))),
        await(stores.sessions().claim("old1", alice)));
    assertEquals(new MessageClaim.Completed(new RecordedReply(List.of("您好"), List.of(), List.of(Reply.text("您好")))),
        await(stores.sessions().claim("old2", alice)));
  }

  /**
   * A session text without a version token (an older gateway's; it keeps no unknown field when it writes) is
   * versioned by its SHA-1 in Java and in the store alike: a turn decided on it commits, and a turn decided on a
   * session an older process has replaced meanwhile is refused as stale.
   */
  @Test
  void aSessionWrittenWithoutAVersionTokenIsVersionedByItsTextOnBothSides(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    String old = "{\"values\":{\"messageCount\":\"4\",\"name\":\"张女士\"},\"updatedAt\":1700000000000}";
    storeSessionAsPreviousVersion(alice, old);
    MessageClaim.Claimed read = (MessageClaim.Claimed) await(stores.sessions().claim("t1", alice));
    assertEquals(Optional.of(session("4")), read.session());
    assertEquals(SessionVersion.of(old), read.version());
    assertEquals(40, read.version().length(), "the SHA-1 of the text");
    assertInstanceOf(CommitOutcome.Committed.class, await(stores.sessions().commitTurn(alice, read.version(),
        session("5"), IDLE, "t1", RecordedReply.nothing(), List.of(), List.of())));

    MessageClaim.Claimed next = (MessageClaim.Claimed) await(stores.sessions().claim("t2", alice));
    assertEquals(SessionVersion.TOKEN_LENGTH, next.version().length(), "written now: a token");
    storeSessionAsPreviousVersion(alice, old.replace("\"4\"", "\"6\""));
    CommitOutcome stale = await(stores.sessions().commitTurn(alice, next.version(), session("7"), IDLE, "t2",
        RecordedReply.nothing(), List.of(), List.of()));
    assertEquals(new CommitOutcome.StaleSession(Optional.of(session("6")),
        SessionVersion.of(old.replace("\"4\"", "\"6\""))), stale);
  }

  /**
   * A store that reads the conversation's agent case with the claim (Redis on a single server) reads it as the
   * queue has it: none, then the case opened meanwhile, then none again once it is closed.
   */
  @Test
  void anAgentCaseReadWithTheClaimIsTheQueuesCase(Vertx vertx) {
    Stores stores = stores(vertx);
    ConversationKey carol = new ConversationKey(ChannelName.WECHAT, "o-carol-case");
    MessageClaim.Claimed before = (MessageClaim.Claimed) await(stores.sessions().claim("k1", carol));
    assertEquals(Optional.empty(), before.agentCase());
    HandoffCase queued = HandoffCase.queued(carol, 2, "door", Optional.of("TK9"),
        new Route("D0571", "杭州西湖体验店", "华东"), Instant.ofEpochMilli(1_700_000_000_000L),
        Instant.ofEpochMilli(1_700_000_000_000L).plus(Duration.ofHours(2)));
    assertTrue(await(stores.agentQueue().open(queued)));
    MessageClaim.Claimed during = (MessageClaim.Claimed) await(stores.sessions().claim("k2", carol));
    if (during.agentCaseRead()) {
      assertEquals(await(stores.agentQueue().get(carol.asString())), during.agentCase());
      assertTrue(during.agentCase().isPresent());
    }
    await(stores.agentQueue().close(carol.asString(), Optional.empty()));
    MessageClaim.Claimed after = (MessageClaim.Claimed) await(stores.sessions().claim("k3", carol));
    assertEquals(during.agentCaseRead(), after.agentCaseRead(), "a store reads the case with every claim or never");
    assertEquals(Optional.empty(), after.agentCase());
    assertEquals("redis".equals(stores.backend()) && !clustered(), during.agentCaseRead(),
        "Redis on a single server reads it in the claim's step");
  }

  /** What the next turn decided on a committed session expects: the version the commit reports. */
  @Test
  void aCommitReportsTheVersionItWrote(Vertx vertx) {
    Stores stores = stores(vertx);
    MessageClaim.Claimed first = (MessageClaim.Claimed) await(stores.sessions().claim("r1", alice));
    CommitOutcome.Committed one = assertPlainCommit(await(stores.sessions().commitTurn(alice, first.version(),
        session("1"), IDLE, "r1", RecordedReply.nothing(), List.of(), List.of())));
    MessageClaim.Claimed second = (MessageClaim.Claimed) await(stores.sessions().claim("r2", alice));
    assertEquals(one.version(), second.version());
    CommitOutcome.Committed two = assertPlainCommit(await(stores.sessions().commitTurn(alice, second.version(),
        session("2"), IDLE, "r2", RecordedReply.nothing(), List.of(), List.of())));
    assertNotEquals(one.version(), two.version(), "every write has a version of its own");
    assertEquals(two.version(), ((MessageClaim.Claimed) await(stores.sessions().claim("r3", alice))).version());
  }

  /**
   * A turn decided before its claim on the session its process committed last: where the store can, claimed and
   * committed in one step, and the next one likewise on the version that step reported; elsewhere only claimed.
   */
  @Test
  void aTurnDecidedOnTheLastCommittedSessionIsClaimedAndCommittedInOneStep(Vertx vertx) {
    Stores stores = stores(vertx);
    SessionStore sessions = stores.sessions();
    MessageClaim.Claimed first = (MessageClaim.Claimed) await(sessions.claim("q1", alice));
    CommitOutcome.Committed one = assertPlainCommit(await(sessions.commitTurn(alice, first.version(), session("1"),
        IDLE, "q1", RecordedReply.nothing(), List.of(), List.of())));
    RecordedReply told = RecordedReply.fromTexts(List.of("第二条"), List.of());
    ClaimedTurn turn = await(sessions.claimAndCommit("q2", alice, Optional.empty(), one.version(), session("2"), IDLE,
        told, Optional.empty()));
    assertEquals("redis".equals(stores.backend()) && !clustered(), sessions.commitsWithClaim());
    if (!sessions.commitsWithClaim()) {
      assertEquals(new ClaimedTurn.NotWritten(new MessageClaim.Claimed(Optional.of(session("1")), one.version())),
          turn, "only the claim, as claim() gives it");
      assertEquals(session("1"), await(sessions.load(alice)).orElseThrow());
      assertInstanceOf(MessageClaim.InProgress.class, await(sessions.claim("q2", alice)));
      return;
    }
    ClaimedTurn.Written written = assertInstanceOf(ClaimedTurn.Written.class, turn);
    assertEquals(session("2"), await(sessions.load(alice)).orElseThrow());
    assertEquals(new MessageClaim.Completed(told), await(sessions.claim("q2", alice)), "a retry gets the reply");
    ClaimedTurn next = await(sessions.claimAndCommit("q3", alice, Optional.empty(), written.commit().version(),
        session("3"), IDLE, RecordedReply.nothing(), Optional.empty()));
    assertInstanceOf(ClaimedTurn.Written.class, next);
    assertEquals(session("3"), await(sessions.load(alice)).orElseThrow());
  }

  /**
   * Decided on a session that is no longer the stored one (another process committed since, or it expired): nothing
   * of the turn is written, the message is claimed, and the answer carries the stored session to decide it again on.
   */
  @Test
  void aTurnDecidedOnAnOlderSessionIsOnlyClaimed(Vertx vertx) {
    Stores stores = stores(vertx);
    SessionStore sessions = stores.sessions();
    await(sessions.claim("o1", alice));
    CommitOutcome.Committed mine = assertPlainCommit(await(sessions.commitTurn(alice, SessionVersion.NONE,
        session("1"), IDLE, "o1", RecordedReply.nothing(), List.of(), List.of())));
    MessageClaim.Claimed elsewhere = (MessageClaim.Claimed) await(sessions.claim("o2", alice));
    CommitOutcome.Committed theirs = assertPlainCommit(await(sessions.commitTurn(alice, elsewhere.version(),
        session("2"), IDLE, "o2", RecordedReply.nothing(), List.of(), List.of())));

    ClaimedTurn turn = await(sessions.claimAndCommit("o3", alice, Optional.empty(), mine.version(), session("9"),
        IDLE, RecordedReply.fromTexts(List.of("旧的"), List.of()), Optional.empty()));
    MessageClaim.Claimed claimed = assertInstanceOf(MessageClaim.Claimed.class,
        assertInstanceOf(ClaimedTurn.NotWritten.class, turn).claim());
    assertEquals(Optional.of(session("2")), claimed.session());
    assertEquals(theirs.version(), claimed.version());
    assertEquals(session("2"), await(sessions.load(alice)).orElseThrow(), "nothing of the turn written");
    assertInstanceOf(MessageClaim.InProgress.class, await(sessions.claim("o3", alice)), "claimed, not done");
    RecordedReply again = RecordedReply.fromTexts(List.of("新的"), List.of());
    assertPlainCommit(await(sessions.commitTurn(alice, claimed.version(), session("3"), IDLE, "o3", again,
        List.of(), List.of())));
    assertEquals(new MessageClaim.Completed(again), await(sessions.claim("o3", alice)));

    // Expired or erased meanwhile: decided again on a fresh conversation.
    ConversationKey gone = new ConversationKey(ChannelName.WECHAT, "o-gone");
    ClaimedTurn onNothing = await(sessions.claimAndCommit("o4", gone, Optional.empty(), theirs.version(),
        session("5"), IDLE, RecordedReply.nothing(), Optional.empty()));
    assertEquals(new MessageClaim.Claimed(Optional.empty(), SessionVersion.NONE, Optional.empty(),
            sessions.commitsWithClaim()),
        assertInstanceOf(ClaimedTurn.NotWritten.class, onNothing).claim());
    assertEquals(Optional.empty(), await(sessions.load(gone)));
  }

  /** A message done or under way is not committed again; a replayed signature claims nothing. */
  @Test
  void aMessageDoneUnderWayOrReplayedIsNotCommittedWithItsClaim(Vertx vertx) {
    Stores stores = stores(vertx);
    SessionStore sessions = stores.sessions();
    await(sessions.claim("x1", alice));
    RecordedReply told = RecordedReply.fromTexts(List.of("已受理"), List.of());
    CommitOutcome.Committed one = assertPlainCommit(await(sessions.commitTurn(alice, SessionVersion.NONE,
        session("1"), IDLE, "x1", told, List.of(), List.of())));
    assertEquals(new ClaimedTurn.NotWritten(new MessageClaim.Completed(told)), await(sessions.claimAndCommit("x1",
        alice, Optional.empty(), one.version(), session("2"), IDLE, RecordedReply.nothing(), Optional.empty())));
    await(sessions.claim("x2", alice));
    assertEquals(new ClaimedTurn.NotWritten(new MessageClaim.InProgress()), await(sessions.claimAndCommit("x2",
        alice, Optional.empty(), one.version(), session("2"), IDLE, RecordedReply.nothing(), Optional.empty())));
    assertEquals(session("1"), await(sessions.load(alice)).orElseThrow());

    Instant forgetAt = Instant.now().plusSeconds(300);
    NonceCheck signed = new NonceCheck(stores.callbackNonces(), "1700000000:q1", "hash-a", forgetAt);
    assertInstanceOf(ClaimedTurn.class, await(sessions.claimAndCommit("x3", alice, Optional.of(signed),
        one.version(), session("3"), IDLE, RecordedReply.nothing(), Optional.empty())));
    assertEquals(Sighting.SAME_BODY, await(stores.callbackNonces().sight("1700000000:q1", "hash-a", forgetAt)),
        "the pair is recorded with its body");
    NonceCheck forged = new NonceCheck(stores.callbackNonces(), "1700000000:q1", "hash-b", forgetAt);
    assertEquals(new ClaimedTurn.NotWritten(new MessageClaim.Replayed()), await(sessions.claimAndCommit("x4",
        alice, Optional.of(forged), one.version(), session("4"), IDLE, RecordedReply.nothing(), Optional.empty())));
    assertInstanceOf(MessageClaim.Claimed.class, await(sessions.claim("x4", alice)),
        "the replay claimed nothing: x4 is still free");
  }

  /** An agent serves the conversation: no bot turn is committed with the claim; the claim carries the case. */
  @Test
  void aConversationWithAnAgentCaseIsOnlyClaimed(Vertx vertx) {
    Stores stores = stores(vertx);
    SessionStore sessions = stores.sessions();
    ConversationKey dave = new ConversationKey(ChannelName.WECHAT, "o-dave-case");
    await(sessions.claim("a1", dave));
    CommitOutcome.Committed one = assertPlainCommit(await(sessions.commitTurn(dave, SessionVersion.NONE,
        session("1"), IDLE, "a1", RecordedReply.nothing(), List.of(), List.of())));
    HandoffCase queued = HandoffCase.queued(dave, 2, "door", Optional.empty(),
        new Route("D0571", "杭州西湖体验店", "华东"), Instant.ofEpochMilli(1_700_000_000_000L),
        Instant.ofEpochMilli(1_700_000_000_000L).plus(Duration.ofHours(2)));
    assertTrue(await(stores.agentQueue().open(queued)));
    ClaimedTurn turn = await(sessions.claimAndCommit("a2", dave, Optional.empty(), one.version(), session("2"), IDLE,
        RecordedReply.fromTexts(List.of("机器人"), List.of()), Optional.empty()));
    MessageClaim.Claimed claimed = assertInstanceOf(MessageClaim.Claimed.class,
        assertInstanceOf(ClaimedTurn.NotWritten.class, turn).claim());
    assertEquals(Optional.of(session("1")), claimed.session());
    if (claimed.agentCaseRead()) {
      assertEquals(await(stores.agentQueue().get(dave.asString())), claimed.agentCase());
      assertTrue(claimed.agentCase().isPresent());
    }
    assertEquals(session("1"), await(sessions.load(dave)).orElseThrow(), "no bot turn written");
  }

  @Test
  void claimingReadsTheSessionInTheSameStep(Vertx vertx) {
    Stores stores = stores(vertx);
    MessageClaim.Claimed fresh = (MessageClaim.Claimed) await(stores.sessions().claim("m8", alice));
    assertEquals(Optional.empty(), fresh.session());
    assertEquals(SessionVersion.NONE, fresh.version());
    await(stores.sessions().commitTurn(alice, session("3"), IDLE, "m8", RecordedReply.nothing(), List.of(), List.of()));
    assertEquals(Optional.of(session("3")), ((MessageClaim.Claimed) await(stores.sessions().claim("m9", alice))).session());
  }

  /**
   * Issue 17.3: two messages of one conversation claimed from the same session (two processes at the same
   * moment): the first commit wins, the second is refused as stale with the session as stored now, and
   * nothing of it is written — not its session, its reply, its ticket nor its outbox entry.
   */
  @Test
  void aSecondCommitFromTheSameReadIsRefusedAsStaleAndWritesNothing(Vertx vertx) {
    Stores stores = stores(vertx);
    await(stores.sessions().claim("v0", alice));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "v0", RecordedReply.nothing(), List.of(), List.of()));
    MessageClaim.Claimed first = (MessageClaim.Claimed) await(stores.sessions().claim("v1", alice));
    MessageClaim.Claimed second = (MessageClaim.Claimed) await(stores.sessions().claim("v2", alice));
    assertEquals(first.version(), second.version(), "the same read");
    Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    Ticket ofFirst = ticket("TK231114-VVVV1", "DD2026110311", t0);
    Ticket ofSecond = ticket("TK231114-VVVV2", "DD2026110312", t0);
    RecordedReply secondReply = RecordedReply.fromTexts(List.of("第二条"), List.of());
    assertPlainCommit(await(stores.sessions().commitTurn(alice, first.version(),
        session("2"), IDLE, "v1", RecordedReply.fromTexts(List.of("第一条"), List.of()), List.of(ofFirst), List.of())));

    CommitOutcome refused = await(stores.sessions().commitTurn(alice, second.version(), session("3"), IDLE, "v2",
        secondReply, List.of(ofSecond), List.of()));
    CommitOutcome.StaleSession stale = assertInstanceOf(CommitOutcome.StaleSession.class, refused);
    assertEquals(Optional.of(session("2")), stale.session(), "the session as the first commit left it");
    assertEquals(session("2"), await(stores.sessions().load(alice)).orElseThrow(), "the first turn is kept");
    assertEquals(Optional.empty(), await(stores.tickets().get(ofSecond.id())), "no ticket of the refused turn");
    assertEquals(1, await(stores.outbox().stats()).pending(), "only the first turn's ticket is queued");
    assertInstanceOf(MessageClaim.InProgress.class, await(stores.sessions().claim("v2", alice)),
        "the refused message is still claimed, not recorded as done");

    // Decided again on the version the refusal carried, it commits.
    assertPlainCommit(await(stores.sessions().commitTurn(alice, stale.version(),
        session("3"), IDLE, "v2", secondReply, List.of(ofSecond), List.of())));
    assertEquals(session("3"), await(stores.sessions().load(alice)).orElseThrow());
    assertEquals(new MessageClaim.Completed(secondReply), await(stores.sessions().claim("v2", alice)));
  }

  @Test
  void aTurnDecidedWithoutASessionIsStaleOnceAnotherCreatedOne(Vertx vertx) {
    Stores stores = stores(vertx);
    MessageClaim.Claimed first = (MessageClaim.Claimed) await(stores.sessions().claim("n1", alice));
    MessageClaim.Claimed second = (MessageClaim.Claimed) await(stores.sessions().claim("n2", alice));
    assertEquals(SessionVersion.NONE, second.version());
    assertPlainCommit(await(stores.sessions().commitTurn(alice, first.version(),
        session("1"), IDLE, "n1", RecordedReply.nothing(), List.of(), List.of())));
    assertInstanceOf(CommitOutcome.StaleSession.class, await(stores.sessions().commitTurn(alice, second.version(),
        session("2"), IDLE, "n2", RecordedReply.nothing(), List.of(), List.of())));
    assertEquals(session("1"), await(stores.sessions().load(alice)).orElseThrow());
  }

  /** A claim that lapsed while its process was slow; the retry, handled elsewhere, committed the message. */
  @Test
  void aMessageCommittedByAnotherAfterTheClaimLapsedIsNotCommittedTwice(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    MessageClaim.Claimed slow = (MessageClaim.Claimed) await(stores.sessions().claim("d9", alice));
    Thread.sleep(SETTINGS.claimLease().toMillis() + 300);
    MessageClaim.Claimed retry = (MessageClaim.Claimed) await(stores.sessions().claim("d9", alice));
    RecordedReply told = RecordedReply.fromTexts(List.of("已受理"), List.of());
    assertPlainCommit(await(stores.sessions().commitTurn(alice, retry.version(),
        session("1"), IDLE, "d9", told, List.of(), List.of())));
    assertEquals(new CommitOutcome.AlreadyDone(told), await(stores.sessions().commitTurn(alice, slow.version(),
        session("2"), IDLE, "d9", RecordedReply.fromTexts(List.of("另一个"), List.of()), List.of(), List.of())));
    assertEquals(session("1"), await(stores.sessions().load(alice)).orElseThrow());
  }

  @Test
  void aClaimedMessageIsInProgressForOthersUntilReleased(Vertx vertx) {
    Stores stores = stores(vertx);
    assertInstanceOf(MessageClaim.Claimed.class, await(stores.sessions().claim("m2", alice)));
    assertInstanceOf(MessageClaim.InProgress.class, await(stores.sessions().claim("m2", alice)));
    await(stores.sessions().release("m2"));
    assertInstanceOf(MessageClaim.Claimed.class, await(stores.sessions().claim("m2", alice)));
  }

  @Test
  void releaseNeverForgetsACompletedTurn(Vertx vertx) {
    Stores stores = stores(vertx);
    await(stores.sessions().claim("m3", alice));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "m3", RecordedReply.nothing(), List.of(), List.of()));
    await(stores.sessions().release("m3"));
    assertInstanceOf(MessageClaim.Completed.class, await(stores.sessions().claim("m3", alice)));
  }

  @Test
  void anAbandonedClaimLapsesAfterTheLease(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    await(stores.sessions().claim("m4", alice));
    Thread.sleep(SETTINGS.claimLease().toMillis() + 300);
    assertInstanceOf(MessageClaim.Claimed.class, await(stores.sessions().claim("m4", alice)));
  }

  @Test
  void concurrentClaimsLetExactlyOneThrough(Vertx vertx) {
    Stores stores = stores(vertx);
    List<Future<MessageClaim>> claims = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      claims.add(stores.sessions().claim("m5", alice));
    }
    long claimed = claims.stream().map(f -> await(f)).filter(c -> c instanceof MessageClaim.Claimed).count();
    assertEquals(1, claimed);
  }

  @Test
  void idleSessionsExpire(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    await(stores.sessions().claim("m6", alice));
    await(stores.sessions().commitTurn(alice, session("1"), Duration.ofMillis(500), "m6", RecordedReply.nothing(),
        List.of(), List.of()));
    assertTrue(await(stores.sessions().load(alice)).isPresent());
    Thread.sleep(900);
    assertEquals(Optional.empty(), await(stores.sessions().load(alice)));
  }

  @Test
  void dataSurvivesReopening(Vertx vertx) {
    Stores first = stores(vertx);
    await(first.sessions().claim("m7", alice));
    RecordedReply reply = RecordedReply.fromTexts(List.of("您好"), List.of());
    await(first.sessions().commitTurn(alice, session("7"), IDLE, "m7", reply, List.of(), List.of()));
    await(first.tokens().put("t", new CachedToken("abc", Instant.now().plusSeconds(60))));
    Stores second = stores(vertx);
    assertEquals("7", await(second.sessions().load(alice)).orElseThrow().get("messageCount", ""));
    assertEquals(new MessageClaim.Completed(reply), await(second.sessions().claim("m7", alice)));
    assertEquals("abc", await(second.tokens().get("t")).orElseThrow().value());
  }

  @Test
  void tokensExpireAndCanBeInvalidated(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    Instant expiry = Instant.ofEpochMilli(System.currentTimeMillis() + 60_000);
    await(stores.tokens().put("wechat", new CachedToken("T1", expiry)));
    assertEquals(new CachedToken("T1", expiry), await(stores.tokens().get("wechat")).orElseThrow());
    await(stores.tokens().invalidate("wechat"));
    assertEquals(Optional.empty(), await(stores.tokens().get("wechat")));
    await(stores.tokens().put("short", new CachedToken("T2", Instant.now().plusMillis(300))));
    Thread.sleep(600);
    assertEquals(Optional.empty(), await(stores.tokens().get("short")));
  }

  @Test
  void deliveryLogReadsNewestFirst(Vertx vertx) {
    Stores stores = stores(vertx);
    for (int i = 1; i <= 3; i++) {
      await(stores.deliveries().record(new DeliveryEvent("push_rejected", ChannelName.WECHAT, "o-alice", "m" + i,
          "45015", Instant.ofEpochMilli(1_700_000_000_000L + i))));
    }
    List<DeliveryEvent> recent = await(stores.deliveries().recent(2));
    assertEquals(List.of("m3", "m2"), recent.stream().map(DeliveryEvent::reference).toList());
  }

  static Ticket ticket(String id, String orderNo, Instant createdAt) {
    return new Ticket(id, TicketStatus.PENDING, 2, "size_mismatch", "王芳", "13800138000", orderNo, "杭州市文三路100号",
        "柜子放不下", "replace", List.of("M1 http://img/1"), ChannelName.WECHAT, "o-alice", createdAt,
        createdAt.plusSeconds(3600), createdAt.plusSeconds(86400), "2026-11-23", false, "", List.of("用户: 柜子放不下"), new Route("D0571", "杭州西湖店", "华东"), "李师傅");
  }

  @Test
  void ticketsCommittedWithATurnAreFoundAndQueuedForDelivery(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    Ticket first = ticket("TK231114-AAAAA", "DD2026110301", t0);
    Ticket second = ticket("TK231114-BBBBB", "DD2026110302", t0.plusSeconds(5));
    await(stores.sessions().claim("t1", alice));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "t1", RecordedReply.nothing(), List.of(first, second), List.of()));
    assertEquals(first, await(stores.tickets().get(first.id())).orElseThrow());
    assertEquals(List.of(second, first), await(stores.tickets().find(TicketQuery.ofUser(alice), 10)));
    assertEquals(List.of(first), await(stores.tickets().find(TicketQuery.ofOrder("DD2026110301"), 10)));
    assertEquals(List.of(), await(stores.tickets().find(TicketQuery.ofOrderAndPhone("DD2026110301", "13999999999"), 10)));

    OutboxStats stats = await(stores.outbox().stats());
    assertEquals(new OutboxStats(2, 0, Optional.of(t0)), stats);
    Instant now = t0.plusSeconds(60);
    List<OutboxEntry> due = await(stores.outbox().takeDue(now, Duration.ofSeconds(30), 10));
    assertEquals(List.of(first.id(), second.id()), due.stream().map(OutboxEntry::ticketId).toList());
    assertEquals(List.of(), await(stores.outbox().takeDue(now.plusSeconds(1), Duration.ofSeconds(30), 10)),
        "taken entries are leased");
    await(stores.outbox().delivered(first.id(), due.get(0).generation()));
    await(stores.outbox().failed(second.id(), 1, now.plusSeconds(5), "503 from sink", false));
    List<OutboxEntry> retry = await(stores.outbox().takeDue(now.plusSeconds(6), Duration.ofSeconds(30), 10));
    assertEquals(1, retry.size());
    assertEquals(1, retry.get(0).attempts());
    assertEquals("503 from sink", retry.get(0).lastError());
    await(stores.outbox().failed(second.id(), 2, now.plusSeconds(10), "still down", true));
    assertEquals(new OutboxStats(0, 1, Optional.empty()), await(stores.outbox().stats()));
    assertEquals(List.of(second.id()), await(stores.outbox().deadLetters(10)).stream().map(OutboxEntry::ticketId).toList());
    assertEquals(List.of(), await(stores.outbox().takeDue(now.plusSeconds(600), Duration.ofSeconds(30), 10)));
    assertTrue(await(stores.outbox().requeue(second.id(), now.plusSeconds(20))));
    assertEquals(false, await(stores.outbox().requeue(second.id(), now.plusSeconds(20))), "no longer a dead letter");
    List<OutboxEntry> again = await(stores.outbox().takeDue(now.plusSeconds(21), Duration.ofSeconds(30), 10));
    assertEquals(0, again.get(0).attempts());
  }

  @Test
  void aChangedTicketIsSavedWithTheTurn(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    Ticket original = ticket("TK231114-DDDDD", "DD3", t0);
    await(stores.sessions().claim("c1", alice));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "c1", RecordedReply.nothing(), List.of(original), List.of()));
    Ticket reopened = new Ticket(original.id(), TicketStatus.UNSATISFIED, 3, original.category(), original.customerName(),
        original.phone(), original.orderNo(), original.address(), original.description(), original.wants(),
        original.attachments(), original.channel(), original.userId(), original.createdAt(),
        original.firstResponseDueAt(), original.resolutionDueAt(), original.occurredOn(), original.needsAgent(),
        original.escalation(), original.transcript(), original.route(), original.installer());
    await(stores.sessions().claim("c2", alice));
    await(stores.sessions().commitTurn(alice, session("2"), IDLE, "c2", RecordedReply.nothing(), List.of(), List.of(reopened)));
    assertEquals(reopened, await(stores.tickets().get(original.id())).orElseThrow());
    assertEquals(List.of(reopened), await(stores.tickets().find(TicketQuery.ofId(original.id()), 5)));
    assertEquals(1, await(stores.outbox().stats()).pending(), "the waiting delivery carries the change");
    Instant now = Instant.now();
    OutboxEntry taken = await(stores.outbox().takeDue(now, Duration.ofSeconds(60), 10)).get(0);
    await(stores.outbox().delivered(original.id(), taken.generation()));
    assertEquals(0, await(stores.outbox().stats()).pending());

    await(stores.sessions().claim("c3", alice));
    await(stores.sessions().commitTurn(alice, session("3"), IDLE, "c3", RecordedReply.nothing(), List.of(),
        List.of(reopened.withStatus(TicketStatus.CLOSED, t0.plusSeconds(60)))));
    assertEquals(1, await(stores.outbox().stats()).pending(), "a delivered ticket that changes is delivered again");

    // The relay takes the entry; the ticket changes while that delivery is on its way.
    OutboxEntry inFlight = await(stores.outbox().takeDue(now.plusSeconds(1), Duration.ofSeconds(60), 10)).get(0);
    await(stores.sessions().claim("c4", alice));
    await(stores.sessions().commitTurn(alice, session("4"), IDLE, "c4", RecordedReply.nothing(), List.of(),
        List.of(reopened)));
    await(stores.outbox().delivered(original.id(), inFlight.generation()));
    List<OutboxEntry> again = await(stores.outbox().takeDue(Instant.now().plusSeconds(1), Duration.ofSeconds(60), 10));
    assertEquals(1, again.size(), "the newer state must still be delivered");
    assertTrue(again.get(0).generation() > inFlight.generation());
  }

  /** More tickets than any look-up window a store might use (the Redis store once scanned the newest 2,000). */
  static final int MANY_TICKETS = 2_600;

  private static Ticket variant(Ticket t, String phone, ChannelName channel) {
    return new Ticket(t.id(), t.status(), t.level(), t.category(), t.customerName(), phone, t.orderNo(), t.address(),
        t.description(), t.wants(), t.attachments(), channel, t.userId(), t.createdAt(), t.firstResponseDueAt(),
        t.resolutionDueAt(), t.occurredOn(), t.needsAgent(), t.escalation(), t.transcript(), t.route(), t.installer(),
        t.firstRespondedAt(), t.resolvedAt(), t.reopenCount(), t.origin());
  }

  @Test
  void ticketsFiledInTheSameMillisecondAreEachFoundOnceWhateverTheLimit(Vertx vertx) {
    // Pages are walked by score: ties across a page boundary (and pages of one or two ids) must neither repeat
    // nor drop a ticket.
    Stores stores = stores(vertx);
    Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
    List<Ticket> filed = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Ticket t = ticket("TK-TIE-" + i, "DDTIE", at);
      filed.add(i % 3 == 0 ? variant(t, t.phone(), ChannelName.SMS) : t);
    }
    filed.add(ticket("TK-TIE-OLDER", "DDTIE", at.minusMillis(1)));
    await(stores.sessions().claim("ties", alice));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "ties", RecordedReply.nothing(), filed, List.of()));
    for (int limit = 1; limit <= 11; limit++) {
      List<Ticket> found = await(stores.tickets().find(TicketQuery.ofOrder("DDTIE"), limit));
      assertEquals(Math.min(limit, 10), found.size(), "limit " + limit + ": " + found);
      assertEquals(found.size(), found.stream().map(Ticket::id).distinct().count(), "repeated: " + found);
      if (limit >= 10) {
        assertEquals("TK-TIE-OLDER", found.get(9).id(), "the older one last");
      }
      TicketQuery sms = new TicketQuery(Optional.empty(), Optional.of(ChannelName.SMS), Optional.empty(),
          Optional.of("DDTIE"), Optional.empty(), Optional.empty());
      List<Ticket> bySms = await(stores.tickets().find(sms, limit));
      assertEquals(Math.min(limit, 3), bySms.size(), "SMS ones, limit " + limit + ": " + bySms);
      assertTrue(bySms.stream().allMatch(t -> t.channel() == ChannelName.SMS), bySms.toString());
      assertEquals(bySms.size(), bySms.stream().map(Ticket::id).distinct().count(), "repeated: " + bySms);
    }
  }

  @Test
  void lookUpsByPhoneStatusAndChannelFindTheOldestOfManyTickets(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    List<Ticket> all = new ArrayList<>();
    for (int i = 0; i < MANY_TICKETS; i++) {
      Ticket t = ticket(String.format("TK-MANY-%05d", i), "DDM" + i, t0.plusSeconds(i));
      // The oldest ticket has a phone of its own; a few old ones came by SMS; the rest share one phone.
      String phone = i == 0 ? "13700000000" : i == 2 ? "13500000000" : "13800138000";
      ChannelName channel = i == 3 || i == 4 || i == 6 ? ChannelName.SMS : ChannelName.WECHAT;
      all.add(variant(t, phone, channel));
    }
    for (int from = 0; from < MANY_TICKETS; from += 200) {
      String turn = "many-" + from;
      await(stores.sessions().claim(turn, alice));
      await(stores.sessions().commitTurn(alice, session("1"), IDLE, turn, RecordedReply.nothing(),
          all.subList(from, Math.min(from + 200, MANY_TICKETS)), List.of()));
    }
    Ticket newest = all.get(MANY_TICKETS - 1);

    assertEquals(List.of(all.get(0)), await(stores.tickets().find(TicketQuery.ofPhone("13700000000"), 10)),
        "the oldest ticket by its phone");

    // Old tickets change status (and one its phone) long after newer ones were filed.
    Instant later = t0.plusSeconds(MANY_TICKETS + 60);
    Ticket resolved1 = all.get(1).withStatus(TicketStatus.RESOLVED, later);
    Ticket resolved3 = all.get(3).withStatus(TicketStatus.RESOLVED, later);
    Ticket resolved5 = all.get(5).withStatus(TicketStatus.RESOLVED, later);
    Ticket movedPhone = variant(all.get(2), "13600000000", ChannelName.WECHAT);
    await(stores.sessions().claim("many-change", alice));
    await(stores.sessions().commitTurn(alice, session("2"), IDLE, "many-change", RecordedReply.nothing(), List.of(),
        List.of(resolved1, resolved3, resolved5, movedPhone)));

    TicketQuery resolved = new TicketQuery(Optional.of(TicketStatus.RESOLVED), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals(List.of(resolved5, resolved3, resolved1), await(stores.tickets().find(resolved, 10)),
        "old tickets whose status changed, newest first");
    assertEquals(List.of(resolved5, resolved3), await(stores.tickets().find(resolved, 2)), "limit honoured");
    assertEquals(List.of(resolved3), await(stores.tickets().find(new TicketQuery(Optional.of(TicketStatus.RESOLVED),
        Optional.of(ChannelName.SMS), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), 10)));
    TicketQuery pendingSms = new TicketQuery(Optional.of(TicketStatus.PENDING), Optional.of(ChannelName.SMS),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals(List.of(all.get(6), all.get(4)), await(stores.tickets().find(pendingSms, 10)),
        "status and channel: the old SMS tickets still pending, behind thousands of newer pending ones");
    assertEquals(List.of(all.get(6)), await(stores.tickets().find(pendingSms, 1)));
    assertEquals(List.of(), await(stores.tickets().find(new TicketQuery(Optional.of(TicketStatus.CLOSED),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("13800138000"), Optional.empty()), 10)));

    assertEquals(List.of(movedPhone), await(stores.tickets().find(TicketQuery.ofPhone("13600000000"), 10)),
        "found by its new phone");
    assertEquals(List.of(), await(stores.tickets().find(TicketQuery.ofPhone("13500000000"), 10)),
        "no longer by its old one");
    List<Ticket> pending = await(stores.tickets().find(new TicketQuery(Optional.of(TicketStatus.PENDING),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), MANY_TICKETS));
    assertEquals(MANY_TICKETS - 3, pending.size(), "every pending ticket, no window");
    assertEquals(newest, pending.get(0));
    assertEquals(all.get(0), pending.get(pending.size() - 1));

    // Only a channel: no index serves it, the whole overall index is walked.
    List<Ticket> sms = await(stores.tickets().find(new TicketQuery(Optional.empty(), Optional.of(ChannelName.SMS),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), 10));
    assertEquals(List.of(all.get(6), all.get(4), resolved3), sms);
    List<Ticket> byPhone = await(stores.tickets().find(TicketQuery.ofPhone("13800138000"), 2_500));
    assertEquals(2_500, byPhone.size());
    for (int i = 1; i < byPhone.size(); i++) {
      assertTrue(byPhone.get(i - 1).createdAt().isAfter(byPhone.get(i).createdAt()), "newest first at " + i);
    }
    assertEquals(List.of(resolved1), await(stores.tickets().find(TicketQuery.ofOrder("DDM1"), 10)));
  }

  @Test
  void aDuplicateTicketIdFailsTheWholeTurn(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant t0 = Instant.ofEpochMilli(1_700_000_000_000L);
    await(stores.sessions().claim("d1", alice));
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "d1", RecordedReply.nothing(),
        List.of(ticket("TK231114-CCCCC", "DD1", t0)), List.of()));
    await(stores.sessions().claim("d2", alice));
    com.furnishcare.intake.support.Await.failure(stores.sessions().commitTurn(alice, session("2"), IDLE, "d2",
        RecordedReply.nothing(), List.of(ticket("TK231114-CCCCC", "DD2", t0)), List.of()));
    assertEquals("1", await(stores.sessions().load(alice)).orElseThrow().get("messageCount", ""),
        "nothing of the failed turn was written");
  }

  @Test
  void aCallbackPairIsFirstOnceThenKnownWithItsBody(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant forgetAt = Instant.now().plusSeconds(300);
    assertEquals(Sighting.FIRST, await(stores.callbackNonces().sight("1700000000:n1", "hash-a", forgetAt)));
    assertEquals(Sighting.SAME_BODY, await(stores.callbackNonces().sight("1700000000:n1", "hash-a", forgetAt)),
        "the sender's retry with the same body");
    assertEquals(Sighting.OTHER_BODY, await(stores.callbackNonces().sight("1700000000:n1", "hash-b", forgetAt)),
        "the same signature with another body is a replay");
    assertEquals(Sighting.SAME_BODY, await(stores.callbackNonces().sight("1700000000:n1", "hash-a", forgetAt)),
        "a refused replay does not overwrite the body first seen");
    assertEquals(Sighting.FIRST, await(stores.callbackNonces().sight("1700000000:n2", "hash-b", forgetAt)));
  }

  @Test
  void aClaimWithANonceCheckRecordsThePairAndRefusesItsReplayWithoutClaiming(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant forgetAt = Instant.now().plusSeconds(300);
    NonceCheck first = new NonceCheck(stores.callbackNonces(), "1700000000:c1", "hash-a", forgetAt);
    assertInstanceOf(MessageClaim.Claimed.class, await(stores.sessions().claim("n1", alice, Optional.of(first))));
    assertEquals(Sighting.SAME_BODY, await(stores.callbackNonces().sight("1700000000:c1", "hash-a", forgetAt)),
        "the claim recorded the pair with its body, where the nonce store keeps it");
    RecordedReply reply = RecordedReply.fromTexts(List.of("已收到"), List.of());
    await(stores.sessions().commitTurn(alice, session("1"), IDLE, "n1", reply, List.of(), List.of()));
    assertEquals(new MessageClaim.Completed(reply), await(stores.sessions().claim("n1", alice, Optional.of(first))),
        "the sender's retry (same pair, same body) gets the recorded reply");

    NonceCheck forged = new NonceCheck(stores.callbackNonces(), "1700000000:c1", "hash-b", forgetAt);
    ConversationKey mallory = new ConversationKey(ChannelName.WECHAT, "o-mallory");
    assertEquals(new MessageClaim.Replayed(), await(stores.sessions().claim("n2", mallory, Optional.of(forged))));
    assertInstanceOf(MessageClaim.Claimed.class, await(stores.sessions().claim("n2", mallory)),
        "a replay takes no claim on its message");
    assertEquals(Sighting.SAME_BODY, await(stores.callbackNonces().sight("1700000000:c1", "hash-a", forgetAt)),
        "a refused replay does not overwrite the body first seen");
    // A pair first seen on its own (a template delivery report's) is checked by a later claim the same way.
    assertEquals(Sighting.FIRST, await(stores.callbackNonces().sight("1700000000:c2", "hash-a", forgetAt)));
    assertEquals(new MessageClaim.Replayed(), await(stores.sessions().claim("n3", alice,
        Optional.of(new NonceCheck(stores.callbackNonces(), "1700000000:c2", "hash-b", forgetAt)))));
  }

  @Test
  void aCallbackPairSeenByOneProcessIsKnownToTheNext(Vertx vertx) {
    Instant forgetAt = Instant.now().plusSeconds(300);
    assertEquals(Sighting.FIRST, await(stores(vertx).callbackNonces().sight("1700000000:n3", "hash-a", forgetAt)));
    assertEquals(Sighting.OTHER_BODY, await(stores(vertx).callbackNonces().sight("1700000000:n3", "hash-b", forgetAt)));
  }

  @Test
  void aCallbackPairIsForgottenWhenItsWindowCloses(Vertx vertx) throws InterruptedException {
    Stores stores = stores(vertx);
    assertEquals(Sighting.FIRST,
        await(stores.callbackNonces().sight("1700000000:n4", "hash-a", Instant.now().plusMillis(300))));
    Thread.sleep(500);
    assertEquals(Sighting.FIRST,
        await(stores.callbackNonces().sight("1700000000:n4", "hash-b", Instant.now().plusSeconds(300))));
  }

  @Test
  void pingAnswers(Vertx vertx) {
    await(stores(vertx).sessions().ping());
  }

  @Test
  void chatConversationsAnswerOnlyToTheirSecretsHashAndLapse(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    await(stores.chats().register("c-one", "hash-one", Duration.ofMillis(600)));
    assertTrue(await(stores.chats().verify("c-one", "hash-one", Duration.ofMillis(600))));
    assertEquals(false, await(stores.chats().verify("c-one", "hash-two", Duration.ofHours(1))));
    assertEquals(false, await(stores.chats().verify("c-unknown", "hash-one", Duration.ofHours(1))));
    com.furnishcare.intake.support.Await.failure(stores.chats().register("c-one", "attacker", Duration.ofHours(1)));
    assertTrue(await(stores.chats().verify("c-one", "hash-one", Duration.ofMillis(300))), "an id is never re-registered");
    Thread.sleep(700);
    assertEquals(false, await(stores.chats().verify("c-one", "hash-one", Duration.ofHours(1))), "lapsed");

    await(stores.chats().register("c-two", "hash", Duration.ofMillis(400)));
    Thread.sleep(200);
    assertTrue(await(stores.chats().verify("c-two", "hash", Duration.ofHours(1))));
    Thread.sleep(400);
    assertTrue(await(stores.chats().verify("c-two", "hash", Duration.ofHours(1))), "a verified conversation lives on");
  }

  @Test
  void aConversationAcceptsTheSecretsAddedToItAndKeepsTheFirst(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    await(stores.chats().register("c-link", "first", Duration.ofHours(1)));
    assertTrue(await(stores.chats().addSecret("c-link", "second", Duration.ofHours(1), 2)));
    assertTrue(await(stores.chats().addSecret("c-link", "third", Duration.ofHours(1), 2)));
    assertEquals(false, await(stores.chats().addSecret("c-link", "fourth", Duration.ofHours(1), 2)), "capped");
    for (String hash : List.of("first", "second", "third")) {
      assertTrue(await(stores.chats().verify("c-link", hash, Duration.ofHours(1))), hash);
    }
    assertEquals(false, await(stores.chats().verify("c-link", "fourth", Duration.ofHours(1))));
    assertEquals(false, await(stores.chats().verify("c-other", "second", Duration.ofHours(1))), "per conversation");

    // Unknown (or lapsed): the added secret becomes the first, and old extra secrets are gone with it.
    assertTrue(await(stores.chats().addSecret("c-new", "only", Duration.ofMillis(500), 2)));
    assertTrue(await(stores.chats().verify("c-new", "only", Duration.ofMillis(500))));
    Thread.sleep(700);
    assertEquals(false, await(stores.chats().verify("c-new", "only", Duration.ofHours(1))), "lapsed");
    assertTrue(await(stores.chats().addSecret("c-new", "again", Duration.ofHours(1), 2)));
    assertEquals(false, await(stores.chats().verify("c-new", "only", Duration.ofHours(1))));
    assertTrue(await(stores.chats().verify("c-new", "again", Duration.ofHours(1))));
  }

  @Test
  void aPhoneHasOneLiveSmsChatLinkAndACodeNamesOne(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    var links = stores.smsChatLinks();
    var first = new com.furnishcare.intake.core.SmsChatLinks.Link("c-sms-1", "AbC234", "13800138000");
    assertEquals(Optional.empty(), await(links.byPhone("13800138000")));
    assertEquals(first, await(links.open(first, Duration.ofMillis(800))));
    var rival = new com.furnishcare.intake.core.SmsChatLinks.Link("c-sms-2", "XyZ789", "13800138000");
    assertEquals(first, await(links.open(rival, Duration.ofHours(1))), "the phone's live link wins");
    assertEquals(Optional.of(first), await(links.byPhone("13800138000")));
    assertEquals(Optional.of(first), await(links.byCode("AbC234")));
    assertEquals(Optional.empty(), await(links.byCode("XyZ789")));
    assertEquals(Optional.empty(), await(links.byCode("abc234")), "codes are case-sensitive");
    com.furnishcare.intake.support.Await.failure(links.open(
        new com.furnishcare.intake.core.SmsChatLinks.Link("c-sms-3", "AbC234", "13900139000"), Duration.ofHours(1)));
    assertEquals(Optional.empty(), await(links.byPhone("13900139000")), "a taken code is never overwritten");

    assertTrue(await(links.claimNotice("AbC234", Duration.ofMillis(800))));
    assertEquals(false, await(links.claimNotice("AbC234", Duration.ofMillis(800))), "one SMS per link");

    Thread.sleep(1000);
    assertEquals(Optional.empty(), await(links.byPhone("13800138000")), "lapsed");
    assertEquals(Optional.empty(), await(links.byCode("AbC234")));
    assertEquals(rival, await(links.open(rival, Duration.ofHours(1))), "after it lapsed the phone starts anew");
    var reused = new com.furnishcare.intake.core.SmsChatLinks.Link("c-sms-4", "AbC234", "13900139000");
    assertEquals(reused, await(links.open(reused, Duration.ofHours(1))), "a lapsed code may be drawn again");
    assertEquals(Optional.of(reused), await(links.byCode("AbC234")));
  }

  @Test
  void chatEntriesAreNumberedWithoutGapsAndAKeyIsStoredOnce(Vertx vertx) {
    Stores stores = stores(vertx);
    java.time.Instant at = java.time.Instant.parse("2026-12-02T08:00:00Z");
    var log = stores.chatLog();
    var user = com.furnishcare.intake.core.ChatEntry.Author.USER;
    var bot = com.furnishcare.intake.core.ChatEntry.Author.BOT;
    assertEquals(1, await(log.append("c1", "u:1", user, com.furnishcare.intake.core.Reply.text("我要投诉"), at)).seq());
    com.furnishcare.intake.core.Reply menu = com.furnishcare.intake.core.Reply.choices("请选择：",
        List.of(new com.furnishcare.intake.core.Reply.Option("complaint-intake", "投诉")));
    assertEquals(2, await(log.append("c1", "b:1:0", bot, menu, at)).seq());
    assertEquals(1, await(log.append("c2", "u:1", user, com.furnishcare.intake.core.Reply.text("别的对话"), at)).seq());
    // The same message sent again: stored once, answered with the entry as it was first stored.
    var again = await(log.append("c1", "u:1", user, com.furnishcare.intake.core.Reply.text("我要投诉"), at));
    assertEquals(1, again.seq());
    List<com.furnishcare.intake.core.ChatEntry> all = await(log.after("c1", 0, 10));
    assertEquals(List.of(1L, 2L), all.stream().map(com.furnishcare.intake.core.ChatEntry::seq).toList());
    assertEquals(menu, all.get(1).reply());
    assertEquals(bot, all.get(1).author());
    assertEquals(List.of(2L), await(log.after("c1", 1, 10)).stream().map(com.furnishcare.intake.core.ChatEntry::seq).toList());
    assertEquals(List.of(), await(log.after("c1", 2, 10)));
    assertEquals(1, await(log.after("c1", 0, 1)).size());
  }

  @Test
  void chatEntriesAppendedAtOnceGetConsecutiveNumbers(Vertx vertx) {
    Stores stores = stores(vertx);
    java.time.Instant at = java.time.Instant.parse("2026-12-02T08:00:00Z");
    List<Future<com.furnishcare.intake.core.ChatEntry>> appends = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      appends.add(stores.chatLog().append("busy", "k" + (i % 20), com.furnishcare.intake.core.ChatEntry.Author.USER,
          com.furnishcare.intake.core.Reply.text("m" + (i % 20)), at));
    }
    await(Future.all(appends));
    List<Long> seqs = await(stores.chatLog().after("busy", 0, 100)).stream()
        .map(com.furnishcare.intake.core.ChatEntry::seq).toList();
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList(), seqs);
  }

  @Test
  void aTurnsEntriesAreAppendedTogetherInOrderAndARetriedTurnAddsNothing(Vertx vertx) {
    Stores stores = stores(vertx);
    java.time.Instant at = java.time.Instant.parse("2026-12-02T08:00:00Z");
    var log = stores.chatLog();
    var user = com.furnishcare.intake.core.ChatEntry.Author.USER;
    var bot = com.furnishcare.intake.core.ChatEntry.Author.BOT;
    await(log.append("t1", "u:0", user, com.furnishcare.intake.core.Reply.text("你好"), at));
    List<com.furnishcare.intake.core.ChatLog.Draft> turn = List.of(
        new com.furnishcare.intake.core.ChatLog.Draft("u:1", user, com.furnishcare.intake.core.Reply.text("柜门缝多大算正常")),
        new com.furnishcare.intake.core.ChatLog.Draft("b:1:0", bot, com.furnishcare.intake.core.Reply.text("不超过 3 毫米")),
        new com.furnishcare.intake.core.ChatLog.Draft("b:1:1", bot, com.furnishcare.intake.core.Reply.text("需要登记投诉吗？")));
    List<com.furnishcare.intake.core.ChatEntry> stored = await(log.appendAll("t1", turn, at));
    assertEquals(List.of(2L, 3L, 4L), stored.stream().map(com.furnishcare.intake.core.ChatEntry::seq).toList());
    assertEquals(List.of("u:1", "b:1:0", "b:1:1"), stored.stream().map(com.furnishcare.intake.core.ChatEntry::key).toList());
    // WeChat retried the message: the same keys, nothing new, the entries answered as first stored.
    List<com.furnishcare.intake.core.ChatEntry> again = await(log.appendAll("t1", turn, at));
    assertEquals(stored, again);
    List<com.furnishcare.intake.core.ChatEntry> all = await(log.after("t1", 0, 10));
    assertEquals(4, all.size());
    assertEquals("需要登记投诉吗？", all.get(3).reply().text());
    assertEquals(bot, all.get(3).author());
    assertEquals(List.of(), await(log.appendAll("t1", List.of(), at)));
  }

  @Test
  void anAgentSessionIsFoundByItsIdOnlyAndEndsWhenDeleted(Vertx vertx) {
    Stores stores = stores(vertx);
    String id = await(stores.agentSessions().create("zhang.wei", IDLE));
    assertTrue(id.matches("[A-Za-z0-9_-]{43}"), id);
    AgentSessions.AgentSession session = await(stores.agentSessions().touch(id, IDLE)).orElseThrow();
    assertEquals("zhang.wei", session.username());
    assertTrue(session.csrfToken().length() >= 43, session.csrfToken());
    // Each session has its own id and CSRF token.
    String other = await(stores.agentSessions().create("zhang.wei", IDLE));
    assertNotEquals(id, other);
    assertNotEquals(session.csrfToken(), await(stores.agentSessions().touch(other, IDLE)).orElseThrow().csrfToken());
    assertEquals(Optional.empty(), await(stores.agentSessions().touch(id + "x", IDLE)));
    assertEquals(Optional.empty(), await(stores.agentSessions().touch(AgentSessionTokens.hash(id), IDLE)),
        "the stored hash is no session id");
    await(stores.agentSessions().delete(id));
    assertEquals(Optional.empty(), await(stores.agentSessions().touch(id, IDLE)));
    assertTrue(await(stores.agentSessions().touch(other, IDLE)).isPresent());
  }

  @Test
  void anAgentSessionLapsesWhenIdleAndEachUseMovesItsExpiry(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    Duration idle = Duration.ofMillis(700);
    String kept = await(stores.agentSessions().create("kept", idle));
    String idleOne = await(stores.agentSessions().create("idle", idle));
    for (int i = 0; i < 4; i++) {
      Thread.sleep(300);
      assertTrue(await(stores.agentSessions().touch(kept, idle)).isPresent(), "touched every 300 ms: still live");
    }
    assertEquals(Optional.empty(), await(stores.agentSessions().touch(idleOne, idle)), "1.2 s untouched: gone");
  }

  @Test
  void anAgentSessionOpenedInOneProcessIsGoodInTheNext(Vertx vertx) {
    String id = await(stores(vertx).agentSessions().create("li.na", IDLE));
    assertEquals("li.na", await(stores(vertx).agentSessions().touch(id, IDLE)).orElseThrow().username());
  }

  @Test
  void loginFailuresAreRefusedAtTheLimitUntilTheWindowEnds(Vertx vertx) throws Exception {
    Stores stores = stores(vertx);
    Duration window = Duration.ofMillis(800);
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, await(stores.loginAttempts().refusedFor("account:a", 3)));
      await(stores.loginAttempts().failed("account:a", window));
    }
    Duration refused = await(stores.loginAttempts().refusedFor("account:a", 3));
    assertTrue(refused.compareTo(Duration.ZERO) > 0 && refused.compareTo(window) <= 0, refused.toString());
    assertEquals(Duration.ZERO, await(stores.loginAttempts().refusedFor("account:a", 4)), "below a higher limit");
    assertEquals(Duration.ZERO, await(stores.loginAttempts().refusedFor("account:b", 3)), "another key");
    Thread.sleep(1000);
    assertEquals(Duration.ZERO, await(stores.loginAttempts().refusedFor("account:a", 3)), "the window ended");
    await(stores.loginAttempts().failed("account:a", window));
    assertEquals(Duration.ZERO, await(stores.loginAttempts().refusedFor("account:a", 2)), "a new window counts from 1");
    await(stores.loginAttempts().failed("account:a", window));
    assertTrue(await(stores.loginAttempts().refusedFor("account:a", 2)).compareTo(Duration.ZERO) > 0);
    await(stores.loginAttempts().clear("account:a"));
    assertEquals(Duration.ZERO, await(stores.loginAttempts().refusedFor("account:a", 2)));
  }

  @Test
  void auditEntriesReadNewestFirstAndSinceATime(Vertx vertx) {
    Stores stores = stores(vertx);
    Instant t0 = Instant.parse("2026-12-02T08:00:00Z");
    for (int i = 0; i < 5; i++) {
      await(stores.audit().record(new AuditEntry("zhang.wei", "take", "conv-" + i, "detail " + i, t0.plusSeconds(i))));
    }
    List<AuditEntry> recent = await(stores.audit().recent(3));
    assertEquals(List.of("conv-4", "conv-3", "conv-2"), recent.stream().map(AuditEntry::target).toList());
    assertEquals(new AuditEntry("zhang.wei", "take", "conv-4", "detail 4", t0.plusSeconds(4)), recent.get(0));
    assertEquals(List.of("conv-4", "conv-3"),
        await(stores.audit().since(t0.plusSeconds(3), 10)).stream().map(AuditEntry::target).toList());
    assertEquals(List.of("conv-4"), await(stores.audit().since(t0, 1)).stream().map(AuditEntry::target).toList());
    assertEquals(5, await(stores(vertx).audit().recent(100)).size(), "another process (or a restart) reads the same log");
  }
}
