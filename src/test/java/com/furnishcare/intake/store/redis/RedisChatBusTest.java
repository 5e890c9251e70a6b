package com.furnishcare.intake.store.redis;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.chat.ChatWriter;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ChatBus;
import com.furnishcare.intake.core.ChatEntry;
import com.furnishcare.intake.core.ChatLog;
import com.furnishcare.intake.core.CommitOutcome;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.MessageClaim;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.TurnTranscript;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.support.CapturingAppender;
import com.furnishcare.intake.support.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis chat bus between gateway processes: each "process" is its own Vertx with its own stores (or
 * bus) on one real redis-server.
 */
class RedisChatBusTest {

  private static final StoreSettings SETTINGS = new StoreSettings(Duration.ofMillis(400), Duration.ofHours(1));

  private final String prefix = "test-" + UUID.randomUUID() + ":";
  private final List<Vertx> processes = new ArrayList<>();
  private final List<Stores> opened = new ArrayList<>();
  private Process ownServer;
  private int port;

  @AfterEach
  void tearDown() {
    for (Stores stores : opened) {
      try {
        await(stores.close());
      } catch (RuntimeException | AssertionError e) {
        // already closed with its process
      }
    }
    processes.forEach(v -> await(v.close()));
    if (ownServer != null) {
      stopServer(ownServer);
    }
  }

  private Vertx process() {
    Vertx vertx = Vertx.vertx();
    processes.add(vertx);
    return vertx;
  }

  private String sharedServer() throws IOException, InterruptedException {
    RedisServer server = RedisServer.shared();
    port = server.port();
    return server.url();
  }

  private Stores open(String url) {
    Stores stores = await(RedisStores.open(process(), url, SETTINGS, prefix));
    opened.add(stores);
    return stores;
  }

  @Test
  void aPageOnOneProcessHearsOfEntriesAppendedOnAnother() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    assertInstanceOf(RedisChatBus.class, a.chatBus());
    List<Long> onA = new CopyOnWriteArrayList<>();
    List<Long> onB = new CopyOnWriteArrayList<>();
    List<Long> otherConversationOnB = new CopyOnWriteArrayList<>();
    a.chatBus().subscribe("conv-1", onA::add);
    b.chatBus().subscribe("conv-1", onB::add);
    b.chatBus().subscribe("conv-2", otherConversationOnB::add);

    a.chatBus().publish("conv-1", 7);
    assertEquals(List.of(7L), onA, "the publishing process tells its own pages at once");
    until("B hears entry 7", () -> onB.contains(7L));

    // B answers; by the time A hears 8, its own echo of 7 has come back too (Redis sends in order): ignored.
    b.chatBus().publish("conv-1", 8);
    until("A hears entry 8", () -> onA.contains(8L));
    assertEquals(List.of(7L, 8L), onA);
    until("B's own 8", () -> onB.contains(8L));
    assertEquals(List.of(7L, 8L), onB);
    assertEquals(List.of(), otherConversationOnB);
  }

  @Test
  void aTurnsEntriesAreAnnouncedToOtherProcessesOnlyWhileAPageIsOpenSomewhere() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    List<String> onChannel = listenToTheNewsChannel(url);
    ChatWriter writerOnA = new ChatWriter(a.chatLog(), a.chatBus(), Clock.systemUTC());

    await(writerOnA.append("quiet", "u:1", ChatEntry.Author.USER, Reply.text("柜门掉了")));
    await(writerOnA.appendAll("quiet", List.of(new ChatLog.Draft("b:1:0", ChatEntry.Author.BOT, Reply.text("收到")))));
    // A marker published after them arrives after anything they published (one connection, in order).
    a.chatBus().publish("marker", 1);
    until("the marker", () -> onChannel.stream().anyMatch(m -> m.startsWith("marker ")));
    assertEquals(List.of(), onChannel.stream().filter(m -> m.startsWith("quiet ")).toList(),
        "no page open anywhere: nothing announced");

    List<Long> onB = new CopyOnWriteArrayList<>();
    List<Long> onA = new CopyOnWriteArrayList<>();
    b.chatBus().subscribe("quiet", onB::add);
    a.chatBus().subscribe("quiet", onA::add);
    until("B's page counted", () -> members("quiet") == 2);
    await(writerOnA.appendAll("quiet", List.of(new ChatLog.Draft("u:2", ChatEntry.Author.USER, Reply.text("在吗")),
        new ChatLog.Draft("b:2:0", ChatEntry.Author.BOT, Reply.text("在的")))));
    until("B hears entry 4", () -> onB.contains(4L));
    assertTrue(onA.contains(4L), "the writing process tells its own page at once");
    until("the announcement on the channel", () -> onChannel.stream().anyMatch(m -> m.startsWith("quiet 4 ")));
    assertEquals(1, onChannel.stream().filter(m -> m.startsWith("quiet ")).count(), "one announcement per turn");
  }

  /**
   * A WeChat turn's transcript goes in the turn's own commit: the agent's page (here on another process) hears
   * of it, and a commit refused because another process committed first writes none of its entries.
   */
  @Test
  void aTurnsTranscriptIsWrittenWithItsCommitAndNotWhenTheCommitIsRefused() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    ConversationKey ann = new ConversationKey(ChannelName.WECHAT, "o-ann-transcript");
    String conversation = ann.transcriptId();
    List<Long> onB = new CopyOnWriteArrayList<>();
    b.chatBus().subscribe(conversation, onB::add);
    until("B's page counted", () -> members(conversation) == 1);

    MessageClaim.Claimed first = (MessageClaim.Claimed) await(a.sessions().claim("m1", ann));
    Session after = new Session(Map.of("messageCount", "1"), Instant.now());
    TurnTranscript turn = new TurnTranscript(conversation, List.of(
        new ChatLog.Draft("u:m1", ChatEntry.Author.USER, Reply.text("柜门掉了")),
        new ChatLog.Draft("b:m1:0", ChatEntry.Author.BOT, Reply.text("请问订单号？"))), Instant.now());
    CommitOutcome committed = await(a.sessions().commitTurn(ann, first.version(), after, Duration.ofHours(1), "m1",
        RecordedReply.fromTexts(List.of("请问订单号？"), List.of()), List.of(), List.of(), Optional.of(turn)));
    CommitOutcome.Committed written = assertInstanceOf(CommitOutcome.Committed.class, committed);
    assertEquals(List.of(true, 2L), List.of(written.transcriptWritten(), written.transcriptLastSeq()));
    assertEquals(List.of("柜门掉了", "请问订单号？"),
        await(b.chatLog().after(conversation, 0, 10)).stream().map(e -> e.reply().text()).toList());
    until("B hears entry 2", () -> onB.contains(2L));

    // A second message decided on the session the first one read: refused as stale, nothing of it written.
    await(a.sessions().claim("m2", ann));
    TurnTranscript stale = new TurnTranscript(conversation, List.of(
        new ChatLog.Draft("u:m2", ChatEntry.Author.USER, Reply.text("DD2026")),
        new ChatLog.Draft("b:m2:0", ChatEntry.Author.BOT, Reply.text("收到"))), Instant.now());
    CommitOutcome refused = await(a.sessions().commitTurn(ann, first.version(), after, Duration.ofHours(1), "m2",
        RecordedReply.fromTexts(List.of("收到"), List.of()), List.of(), List.of(), Optional.of(stale)));
    assertInstanceOf(CommitOutcome.StaleSession.class, refused);
    assertEquals(2, await(b.chatLog().after(conversation, 0, 10)).size(), "the refused turn wrote no entry");

    // Decided again on the stored session: its entries follow on, numbered 3 and 4.
    CommitOutcome again = await(a.sessions().commitTurn(ann, ((CommitOutcome.StaleSession) refused).version(),
        after, Duration.ofHours(1), "m2", RecordedReply.fromTexts(List.of("收到"), List.of()), List.of(), List.of(),
        Optional.of(stale)));
    CommitOutcome.Committed writtenAgain = assertInstanceOf(CommitOutcome.Committed.class, again);
    assertEquals(List.of(true, 4L), List.of(writtenAgain.transcriptWritten(), writtenAgain.transcriptLastSeq()));
    assertEquals(List.of(1L, 2L, 3L, 4L), await(b.chatLog().after(conversation, 0, 10)).stream()
        .map(ChatEntry::seq).toList());
    assertEquals(List.of("柜门掉了", "请问订单号？", "DD2026", "收到"),
        await(b.chatLog().after(conversation, 0, 10)).stream().map(e -> e.reply().text()).toList());
    // The committed entries are known by their keys: appending one again gives it back, and adds nothing.
    ChatEntry repeated = await(b.chatLog().append(conversation, "b:m1:0", ChatEntry.Author.BOT,
        Reply.text("请问订单号？"), Instant.now()));
    assertEquals(2, repeated.seq());
    assertEquals(4, await(b.chatLog().after(conversation, 0, 10)).size());
  }

  @Test
  void aPageOpenedWhileAnotherProcessAppendsStillHearsOfTheEntry() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    ChatWriter writerOnA = new ChatWriter(a.chatLog(), a.chatBus(), Clock.systemUTC());
    for (int i = 0; i < 20; i++) {
      String conversation = "race-" + i;
      List<Long> onB = new CopyOnWriteArrayList<>();
      // No waiting for B's presence to land: the append may come before it.
      b.chatBus().subscribe(conversation, onB::add);
      await(writerOnA.append(conversation, "u:1", ChatEntry.Author.USER, Reply.text("你好")));
      until("B's page hears of entry 1 of " + conversation, () -> onB.contains(1L));
    }
  }

  /** Every message on the chat-news channel, from a plain subscriber connection of the test's own. */
  private List<String> listenToTheNewsChannel(String url) {
    List<String> messages = new CopyOnWriteArrayList<>();
    RedisConnection connection = await(Redis.createClient(process(), url).connect());
    connection.handler(m -> {
      if (m != null && m.size() >= 3 && "message".equals(String.valueOf(m.get(0)))) {
        messages.add(String.valueOf(m.get(2)));
      }
    });
    await(connection.send(Request.cmd(Command.SUBSCRIBE).arg(prefix + "chat-news")));
    return messages;
  }

  @Test
  void conversationIdsWithSpacesSurviveTheTrip() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    List<Long> onB = new CopyOnWriteArrayList<>();
    b.chatBus().subscribe("a b  c", onB::add);
    a.chatBus().publish("a b  c", 3);
    until("B hears entry 3", () -> onB.contains(3L));
  }

  @Test
  void aPageOpenOnAnotherProcessCountsUntilItCloses() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    Stores c = open(url);
    assertFalse(await(a.chatBus().anyoneListening("conv-p")));

    ChatBus.Subscription onB = b.chatBus().subscribe("conv-p", seq -> { });
    assertTrue(await(b.chatBus().anyoneListening("conv-p")), "B knows its own page without asking Redis");
    until("A sees B's page", () -> await(a.chatBus().anyoneListening("conv-p")));

    ChatBus.Subscription onC = c.chatBus().subscribe("conv-p", seq -> { });
    until("C is counted too", () -> members("conv-p") == 2);
    onC.close();
    until("C is no longer counted", () -> members("conv-p") == 1);
    assertTrue(await(a.chatBus().anyoneListening("conv-p")), "B's page still counts when C's closes");

    onB.close();
    until("A sees no page", () -> !await(a.chatBus().anyoneListening("conv-p")));
    assertEquals(0, members("conv-p"), "the last member gone, the key is gone");
  }

  @Test
  void closingTheStoresTakesTheProcessOutAtOnce() throws Exception {
    String url = sharedServer();
    Stores a = open(url);
    Stores b = open(url);
    b.chatBus().subscribe("conv-s", seq -> { });
    until("A sees B's page", () -> await(a.chatBus().anyoneListening("conv-s")));
    await(b.close());
    assertFalse(await(a.chatBus().anyoneListening("conv-s")));
  }

  /** A process that vanishes without closing stops counting once its deadline passes; a live one keeps on. */
  @Test
  void aProcessThatDiesStopsCountingWhenItsDeadlinePasses() throws Exception {
    String url = sharedServer();
    RedisKeys keys = RedisKeys.standalone(prefix);
    Duration lifetime = Duration.ofSeconds(3);
    Duration refresh = Duration.ofMillis(250);
    Vertx vertxA = process();
    RedisAPI apiA = RedisAPI.api(Redis.createClient(vertxA, url));
    RedisChatBus a = await(RedisChatBus.start(vertxA, apiA, new RedisOptions().setConnectionString(url), keys,
        lifetime, refresh));
    Vertx vertxB = process();
    RedisAPI apiB = RedisAPI.api(Redis.createClient(vertxB, url));
    RedisChatBus b = await(RedisChatBus.start(vertxB, apiB, new RedisOptions().setConnectionString(url), keys,
        lifetime, refresh));
    b.subscribe("conv-d", seq -> { });
    until("A sees B's page", () -> await(a.anyoneListening("conv-d")));

    // Refreshed, B's page counts well past one lifetime.
    long end = System.nanoTime() + 2 * lifetime.toNanos();
    while (System.nanoTime() < end) {
      assertTrue(await(a.anyoneListening("conv-d")), "B's page, refreshed, still counts");
      Thread.sleep(200);
    }

    // B's process goes without a word: its member stays in Redis but its deadline runs out.
    await(vertxB.close());
    until("B's page no longer counts", () -> !await(a.anyoneListening("conv-d")));
    await(a.close());
    apiA.close();
  }

  @Test
  void newsStillArriveAfterRedisRestarts() throws Exception {
    port = RedisServer.freePort();
    Path dir = com.furnishcare.intake.support.TempDirs.create("redis-restart");
    ownServer = startServer(port, dir);
    String url = "redis://127.0.0.1:" + port;
    Stores a = open(url);
    Stores b = open(url);
    List<Long> onA = new CopyOnWriteArrayList<>();
    List<Long> onB = new CopyOnWriteArrayList<>();
    a.chatBus().subscribe("conv-r", onA::add);
    b.chatBus().subscribe("conv-r", onB::add);
    a.chatBus().publish("conv-r", 1);
    until("B hears entry 1", () -> onB.contains(1L));

    int logStart = CapturingAppender.size();
    stopServer(ownServer);
    // While Redis is down, the publishing process's own pages still hear at once.
    a.chatBus().publish("conv-r", 2);
    assertTrue(onA.contains(2L));
    assertTrue(await(a.chatBus().anyoneListening("conv-r")), "a page here counts without Redis");
    // An outage long enough for several failed reconnects (not a timing assertion).
    Thread.sleep(1500);
    ownServer = startServer(port, dir);

    // The subscribers come back with their back-off; a publish before that is lost, so keep publishing.
    long[] seq = {100};
    until("B hears A's news after the restart", () -> {
      a.chatBus().publish("conv-r", ++seq[0]);
      return onB.stream().anyMatch(s -> s > 100);
    });
    long[] fromB = {1000};
    until("A hears B's news after the restart", () -> {
      b.chatBus().publish("conv-r", ++fromB[0]);
      return onA.stream().anyMatch(s -> s > 1000);
    });
    // Presence is written again after the restart (the restarted Redis lost it).
    until("B's page counted again", () -> members("conv-r") == 2);
    List<String> said = CapturingAppender.since(logStart).stream()
        .filter(line -> line.logger().equals(RedisChatBus.class.getName()))
        .map(line -> line.level() + " " + line.text())
        .toList();
    assertEquals(2, said.stream().filter(line -> line.startsWith("WARN")).count(), "one warning per process: " + said);
    assertEquals(2, said.stream().filter(line -> line.startsWith("INFO")).count(), "one all-clear per process: " + said);
  }

  /** How many processes the conversation's presence set holds (ZCARD). */
  private long members(String conversationId) {
    String reply = command(port, "ZCARD " + prefix + "chat-online:" + conversationId);
    if (reply == null || !reply.startsWith(":")) {
      throw new AssertionError("ZCARD answered " + reply);
    }
    return Long.parseLong(reply.substring(1));
  }

  private static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }

  private static Process startServer(int port, Path dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
        .start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end && process.isAlive()) {
      if ("+PONG".equals(command(port, "PING"))) {
        return process;
      }
      Thread.sleep(50);
    }
    stopServer(process);
    throw new IOException("redis-server did not start on port " + port + ": "
        + Files.readString(dir.resolve("redis.log")));
  }

  private static void stopServer(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One inline command's first reply line, or null if the server doesn't answer. */
  private static String command(int port, String line) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\r') {
        reply.append((char) c);
      }
      return reply.toString();
    } catch (IOException e) {
      return null;
    }
  }
}
