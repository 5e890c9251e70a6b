package com.furnishcare.intake.store.redis;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.RedisServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands sent from an event loop go over a pipelined connection of that loop (no hand-over to another loop and
 * back), a connection Redis closed is made again, and a closed client refuses commands instead of opening new
 * connections.
 */
class LoopLocalRedisTest {

  private Vertx vertx;
  private LoopLocalRedis redis;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    String url = RedisServer.shared().url();
    RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(4).setMaxPoolWaiting(2048);
    redis = new LoopLocalRedis(() -> PipelinedConnection.toServer(vertx, options), 2);
  }

  @AfterEach
  void stop() {
    await(redis.close());
    await(vertx.close());
  }

  @Test
  void eachEventLoopUsesConnectionsOfItsOwnEvenWhenThePoolIsBusy() {
    List<Context> loops = twoEventLoops();
    // Both loops at once, many commands in flight: a shared pool hands a connection freed on one loop to the
    // other loop's waiting command.
    Future<List<Long>> first = clientIds(loops.get(0), 500);
    Future<List<Long>> second = clientIds(loops.get(1), 500);
    Set<Long> shared = new HashSet<>(await(first));
    shared.retainAll(await(second));
    assertTrue(shared.isEmpty(), "connections that served both loops: " + shared);
  }

  @Test
  void aLoopsCommandsInFlightTogetherShareOneConnection() {
    List<Context> loops = twoEventLoops();
    Set<Long> first = new HashSet<>(await(clientIds(loops.get(0), 500)));
    Set<Long> second = new HashSet<>(await(clientIds(loops.get(1), 500)));
    assertEquals(1, first.size(), "500 commands sent at once from one loop, pipelined on one connection: " + first);
    assertEquals(1, second.size(), "and the other loop's on one of its own: " + second);
  }

  @Test
  void aConnectionRedisClosedIsMadeAgainForTheNextCommand() throws Exception {
    Context loop = twoEventLoops().get(0);
    long before = await(clientIds(loop, 1)).get(0);
    RedisAPI admin = RedisAPI.api(Redis.createClient(vertx, RedisServer.shared().url()));
    try {
      await(admin.client(List.of("KILL", "ID", Long.toString(before))));
    } finally {
      admin.close();
    }
    // The commands sent as the connection went may fail; later ones go over a new connection.
    Long after = null;
    for (int i = 0; i < 50 && after == null; i++) {
      Future<List<Long>> tried = clientIds(loop, 1);
      try {
        after = await(tried).get(0);
      } catch (RuntimeException | AssertionError e) {
        sleep(20);
      }
    }
    assertNotNull(after, "no command got through after the connection was closed");
    assertNotEquals(before, after.longValue(), "a new connection");
    assertEquals(Set.of(after), new HashSet<>(await(clientIds(loop, 100))), "and it is the loop's one connection");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void undeployingTheVerticleThatSentTheFirstCommandsLeavesTheClientWorking() {
    // The HTTP verticle sends a loop's first commands, and a graceful stop undeploys it while turns still write
    // their transcripts: a client that belonged to that deployment was closed under them.
    List<Context> stay = twoEventLoops();
    String passing = await(vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start(Promise<Void> started) {
        redis.send(Request.cmd(Command.PING)).<Void>mapEmpty().onComplete(started);
      }
    }, new DeploymentOptions().setInstances(2)));
    await(vertx.undeploy(passing));
    for (Context loop : stay) {
      assertEquals(50, await(clientIds(loop, 50)).size(), "commands after the first sender was undeployed");
    }
  }

  @Test
  void aLoopBeyondThoseCountedSharesTheOffLoopClient() throws Exception {
    await(redis.close());
    RedisOptions options = new RedisOptions().setConnectionString(RedisServer.shared().url());
    redis = new LoopLocalRedis(() -> PipelinedConnection.toServer(vertx, options), 1);
    List<Context> loops = twoEventLoops();
    assertEquals(10, await(clientIds(loops.get(0), 10)).size());
    assertEquals(10, await(clientIds(loops.get(1), 10)).size());
  }

  @Test
  void aClosedClientRefusesCommands() {
    Context later = twoEventLoops().get(0);
    assertEquals(1, await(clientIds(later, 1)).size());
    await(redis.close());
    Promise<Object> sent = Promise.promise();
    later.runOnContext(v -> redis.send(Request.cmd(Command.PING)).onComplete(ar -> sent.complete(ar.succeeded())));
    assertFalse((Boolean) await(sent.future()), "a command after close must fail, not open a connection");
  }

  /** The contexts of two verticle instances: Vert.x puts them on different event loops. */
  private List<Context> twoEventLoops() {
    List<Context> contexts = java.util.Collections.synchronizedList(new ArrayList<>());
    await(vertx.deployVerticle(() -> new AbstractVerticle() {
      @Override
      public void start() {
        contexts.add(context);
      }
    }, new DeploymentOptions().setInstances(2)));
    Set<String> threads = new HashSet<>();
    contexts.forEach(c -> threads.add(await(runOn(c)).getName()));
    assertEquals(2, threads.size(), "two verticle instances on two event loops");
    return contexts;
  }

  private static Future<Thread> runOn(Context context) {
    Promise<Thread> thread = Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.future();
  }

  /** CLIENT ID of the connection each of {@code n} commands, all sent at once from {@code on}, went over. */
  private Future<List<Long>> clientIds(Context on, int n) {
    Promise<List<Long>> ids = Promise.promise();
    on.runOnContext(v -> {
      List<Future<Long>> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sent.add(redis.send(Request.cmd(Command.CLIENT).arg("ID")).map(id -> id.toLong()));
      }
      Future.all(sent).map(all -> sent.stream().map(Future::result).toList()).onComplete(ids);
    });
    return ids.future();
  }
}
