package com.furnishcare.intake.bench;

import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.ConversationKey;
import com.furnishcare.intake.core.RecordedReply;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketSink;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.metrics.GatewayMetrics;
import com.furnishcare.intake.store.StoreSettings;
import com.furnishcare.intake.store.Stores;
import com.furnishcare.intake.store.embedded.EmbeddedStores;
import com.furnishcare.intake.support.RequestTracker;
import com.furnishcare.intake.ticket.Backoff;
import com.furnishcare.intake.ticket.EmbeddedSink;
import com.furnishcare.intake.ticket.OutboxRelay;
import com.furnishcare.intake.ticket.RequestTrackerSink;
import com.furnishcare.intake.ticket.RtRouting;
import com.furnishcare.intake.ticket.TicketText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Tickets per second the outbox relay forwards to a real Request Tracker, next to the same relay with
 * the embedded sink (no network) as the baseline, in the same run. Usage: RelayBench [tickets]
 */
public final class RelayBench {

  private RelayBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Vertx vertx = Vertx.vertx();
    try (RequestTracker rt = RequestTracker.start()) {
      double baseline = run(vertx, new EmbeddedSink(), count);
      TicketSink rtSink = new RequestTrackerSink(vertx, rt.url(), Optional.empty(), Optional.of("root"),
          Optional.of("password"), RtRouting.only("General"), new TicketText(Map.of(), ZoneId.of("Asia/Shanghai")),
          com.furnishcare.intake.core.BlobStore.unavailable());
      double toRt = run(vertx, rtSink, count);
      System.out.printf("relay, embedded sink: %.1f tickets/s (baseline)%n", baseline);
      System.out.printf("relay, Request Tracker: %.1f tickets/s (%.3fx of baseline)%n", toRt, toRt / baseline);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static double run(Vertx vertx, TicketSink sink, int count) throws Exception {
    Stores stores = await(EmbeddedStores.open(vertx, Files.createTempDirectory("relay-bench"),
        StoreSettings.defaults()));
    ConversationKey user = new ConversationKey(ChannelName.WECHAT, "bench");
    Random random = new Random(7);
    for (int i = 0; i < count; i++) {
      String id = String.format("TK261124-B%04d", random.nextInt(10000)) + i;
      Instant now = Instant.now();
      Ticket t = new Ticket(id, TicketStatus.PENDING, 1 + i % 3, "colour_difference", "王芳", "13800138000",
          "DD2026110301", "杭州市西湖区文三路100号", "衣柜门板色差很明显", "replace", List.of(), ChannelName.WECHAT,
          "bench", now, now.plusSeconds(3600), now.plusSeconds(86400), "", false, "", List.of("用户: 色差"),
          Route.headquarters(), "");
      await(stores.sessions().claim("m" + i, user));
      await(stores.sessions().commitTurn(user, Session.fresh(now), Duration.ofDays(1), "m" + i, RecordedReply.nothing(), List.of(t), List.of()));
    }
    OutboxRelay relay = new OutboxRelay(vertx, stores.outbox(), stores.tickets(), sink,
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), new Random()), 10, new GatewayMetrics(),
        Clock.systemUTC());
    long start = System.nanoTime();
    while (await(stores.outbox().stats()).pending() > 0) {
      await(relay.runOnce());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    await(stores.close());
    return count / seconds;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
