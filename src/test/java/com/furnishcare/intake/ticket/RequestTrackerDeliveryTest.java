package com.furnishcare.intake.ticket;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.Route;
import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.RequestTracker;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.TestPhotos;
import com.furnishcare.intake.store.blob.FileBlobStore;
import io.vertx.core.json.JsonArray;
import java.util.Base64;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Tickets reach a real Request Tracker exactly once, also when RT goes away in the middle. */
@ExtendWith(VertxExtension.class)
class RequestTrackerDeliveryTest {

  private static RequestTracker rt;
  @TempDir
  Path dataDir;

  @BeforeAll
  static void startRt() throws Exception {
    if (!RequestTracker.installed()) {
      throw new IllegalStateException("Request Tracker is not installed: run scripts/test-all.sh, which installs it");
    }
    rt = RequestTracker.start();
  }

  @AfterAll
  static void stopRt() throws Exception {
    rt.close();
  }

  private static int countInRt(String gatewayId) throws Exception {
    String query = URLEncoder.encode("Subject LIKE '[" + gatewayId + "]'", StandardCharsets.UTF_8);
    return new JsonObject(rt.get("/REST/2.0/tickets?query=" + query)).getInteger("count");
  }

  private static Ticket ticket(String id, int level) {
    return ticket(id, level, List.of(), Instant.parse("2026-11-24T02:00:00Z"));
  }

  private static Ticket ticket(String id, int level, List<String> photos, Instant now) {
    return new Ticket(id, TicketStatus.PENDING, level, "colour_difference", "王芳", "13800138000", "DD2026110301",
        "杭州市西湖区文三路100号", "衣柜门板色差很明显", "replace", photos, ChannelName.WECHAT, "o-rt", now,
        now.plusSeconds(3600), now.plusSeconds(3 * 86400), "", false, "", List.of("用户: 衣柜门板色差很明显"), new Route("D0571", "杭州西湖店", "华东"), "李师傅");
  }

  @Test
  void aRepeatedDeliveryFindsTheFirstRtTicketInsteadOfMakingASecond(Vertx vertx) throws Exception {
    RequestTrackerSink sink = new RequestTrackerSink(vertx, rt.url(), Optional.empty(), Optional.of("root"),
        Optional.of("password"), RtRouting.only("General"), new TicketText(Map.of("colour_difference", "色差"), ZoneId.of("Asia/Shanghai")), BlobStore.unavailable());
    Ticket t = ticket("TK261124-RTONE", 3);
    String first = await(sink.deliver(t));
    String again = await(sink.deliver(t)); // the relay died after RT created it, before recording it
    assertEquals(first, again);
    assertEquals(1, countInRt(t.id()));
    JsonObject inRt = new JsonObject(rt.get("/REST/2.0/ticket/" + first));
    assertEquals("[TK261124-RTONE] 色差 · 订单DD2026110301", inRt.getString("Subject"));
    assertEquals("90", String.valueOf(inRt.getValue("Priority")), "level 3 → urgent priority");
    assertTrue(String.valueOf(inRt.getValue("Due")).startsWith("2026-11-27"), String.valueOf(inRt.getValue("Due")));
  }

  @Test
  void theTicketsPhotosArriveInRtAsAttachments(Vertx vertx) throws Exception {
    FileBlobStore blobs = await(FileBlobStore.open(vertx, dataDir.resolve("blobs")));
    byte[] photo = TestPhotos.plainJpeg();
    String kept = await(blobs.put(new BlobStore.Blob("wechat:o-rt", "image/jpeg", photo)));
    String notYet = BlobIds.ofSource("wechat:o-rt", "MEDIA_STILL_DOWNLOADING");
    List<String> photos = List.of(kept + " http://mmbiz.qpic.cn/a/0", notYet + " http://mmbiz.qpic.cn/b/0");
    RequestTrackerSink sink = new RequestTrackerSink(vertx, rt.url(), Optional.empty(), Optional.of("root"),
        Optional.of("password"), RtRouting.only("General"), new TicketText(Map.of(), ZoneId.of("Asia/Shanghai")), blobs);

    // Just filed, one photo still missing: not delivered yet, so the download can land first.
    Throwable early = Await.failure(sink.deliver(ticket("TK261124-PHOT1", 1, photos, Instant.now())));
    assertTrue(early.getMessage().contains("not kept yet"), early.getMessage());
    assertEquals(0, countInRt("TK261124-PHOT1"));

    // A minute later it goes with what there is, and says what is missing.
    String rtId = await(sink.deliver(ticket("TK261124-PHOT1", 1, photos, Instant.now().minusSeconds(120))));
    JsonArray items = new JsonObject(rt.get("/REST/2.0/ticket/" + rtId + "/attachments?per_page=100"))
        .getJsonArray("items");
    JsonObject attached = null;
    for (Object item : items) {
      JsonObject attachment = new JsonObject(rt.get("/REST/2.0/attachment/" + ((JsonObject) item).getString("id")));
      if ("photo-1.jpg".equals(attachment.getString("Filename"))) {
        attached = attachment;
      } else if (String.valueOf(attachment.getString("ContentType")).startsWith("text/plain")) {
        String body = new String(Base64.getMimeDecoder().decode(attachment.getString("Content", "")), StandardCharsets.UTF_8);
        if (body.contains("工单号")) {
          assertTrue(body.contains(notYet), body);
        }
      }
    }
    System.out.println("RT attachments of " + rtId + ": " + items.encode());
    if (attached == null) {
      throw new AssertionError("no photo-1.jpg among the RT ticket's attachments: " + items.encode());
    }
    assertEquals("image/jpeg", attached.getString("ContentType"));
    assertTrue(java.util.Arrays.equals(photo, Base64.getMimeDecoder().decode(attached.getString("Content"))),
        "RT holds the photo byte for byte");
    await(blobs.close());
  }

  @Test
  void dealersTicketsGoToTheirQueueAndOwner(Vertx vertx) throws Exception {
    String queueName = "华东-杭州西湖";
    WebClient http = WebClient.create(vertx);
    var created = await(http.postAbs(rt.url() + "/REST/2.0/queue").basicAuthentication("root", "password")
        .sendJsonObject(new JsonObject().put("Name", queueName)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    RtRouting routing = new RtRouting(new RtRouting.Target("General", Optional.empty()),
        Map.of("D0571", new RtRouting.Target(queueName, Optional.of("root"))));
    RequestTrackerSink sink = new RequestTrackerSink(vertx, rt.url(), Optional.empty(), Optional.of("root"),
        Optional.of("password"), routing, new TicketText(Map.of(), ZoneId.of("Asia/Shanghai")), BlobStore.unavailable());
    String id = await(sink.deliver(ticket("TK261124-ROUTE", 1)));
    JsonObject inRt = new JsonObject(rt.get("/REST/2.0/ticket/" + id));
    JsonObject queue = new JsonObject(rt.get("/REST/2.0/queue/" + inRt.getJsonObject("Queue").getString("id")));
    assertEquals(queueName, queue.getString("Name"));
    assertEquals("root", inRt.getJsonObject("Owner").getString("id"));
    http.close();
  }

  @Test
  void rtsRefusalIsReportedInItsOwnWords(Vertx vertx) {
    RequestTrackerSink sink = new RequestTrackerSink(vertx, rt.url(), Optional.empty(), Optional.of("root"),
        Optional.of("password"), RtRouting.only("NoSuchQueue"), new TicketText(Map.of(), ZoneId.of("Asia/Shanghai")),
        BlobStore.unavailable());
    Throwable refused = Await.failure(sink.deliver(ticket("TK261124-NOQUE", 1)));
    assertTrue(refused.getMessage().startsWith("HTTP 403: ") && refused.getMessage().contains("NoSuchQueue"),
        refused.getMessage());
  }

  @Test
  void everyTicketArrivesOnceWhenRtStopsAndStartsAgain(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir)
          .with("TICKET_SINK", "rt").with("RT_URL", rt.url()).with("RT_USER", "root").with("RT_PASSWORD", "password")
          .with("OUTBOX_BASE_DELAY_MS", "200").with("OUTBOX_MAX_DELAY_MS", "2000").with("OUTBOX_MAX_ATTEMPTS", "1000")
          .with("OUTBOX_RELAY_INTERVAL_MS", "100"));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(harness.webChatTicket(gateway, "rt-user-" + i));
        if (i == 2) {
          rt.stop(); // RT goes away while tickets are being created
        }
      }
      Thread.sleep(1500);
      rt.startAgain();
      Await.until("outbox empty", () -> harness.admin(gateway, "/api/outbox").getLong("pending") == 0);
      Map<String, Integer> counts = new HashMap<>();
      for (String id : ids) {
        counts.put(id, countInRt(id));
      }
      System.out.println("RT stop/start: created " + ids.size() + ", in RT " + counts);
      for (String id : ids) {
        assertEquals(1, counts.get(id), "exactly one RT ticket for " + id);
      }
      assertEquals(0L, harness.admin(gateway, "/api/outbox").getLong("deadLettered"));
    }
  }

  @Test
  void aStatusChangedInRtReachesTheHomeownerOnWeChat(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api)
          .with("TICKET_SINK", "rt").with("RT_URL", rt.url()).with("RT_USER", "root").with("RT_PASSWORD", "password")
          .with("OUTBOX_RELAY_INTERVAL_MS", "100").with("RT_POLL_INTERVAL_MS", "300"));
      com.furnishcare.intake.support.WeChatClient wechat = harness.wechat(gateway);
      String id = GatewayHarness.wechatTicket(wechat, "o-rt-status");
      Await.until("ticket in RT", () -> {
        try {
          return countInRt(id) == 1;
        } catch (Exception e) {
          return false;
        }
      });
      String query = URLEncoder.encode("Subject LIKE '[" + id + "]'", StandardCharsets.UTF_8);
      String rtId = new JsonObject(rt.get("/REST/2.0/tickets?query=" + query)).getJsonArray("items")
          .getJsonObject(0).getString("id");
      WebClient http = WebClient.create(vertx);
      int updated = await(http.putAbs(rt.url() + "/REST/2.0/ticket/" + rtId).basicAuthentication("root", "password")
          .sendJsonObject(new JsonObject().put("Status", "resolved"))).statusCode();
      assertEquals(200, updated);
      Await.until("homeowner asked whether it is solved", () -> harness.api.sentTo("o-rt-status").stream()
          .anyMatch(s -> s.content().contains(id) && s.content().contains("解决了吗")));
      assertEquals("resolved", harness.admin(gateway, "/api/tickets/" + id).getString("status"));

      // "没解决" re-opens the ticket in the gateway and, through the outbox, in RT.
      String reply = com.furnishcare.intake.support.GatewayHarness.content(wechat.post(
          com.furnishcare.intake.support.WeChatClient.textXml("o-rt-status", "55509", "没解决")).bodyAsString());
      assertTrue(reply.contains("重新打开"), reply);
      Await.until("RT ticket open again", () -> {
        try {
          return "open".equals(new JsonObject(rt.get("/REST/2.0/ticket/" + rtId)).getString("Status"));
        } catch (Exception e) {
          return false;
        }
      });
      JsonObject reopened = new JsonObject(rt.get("/REST/2.0/ticket/" + rtId));
      assertEquals("60", String.valueOf(reopened.getValue("Priority")), "level 2 after 没解决");
      assertEquals(1, countInRt(id), "still one RT ticket");
      wechat.close();
      http.close();
    }
  }


}
