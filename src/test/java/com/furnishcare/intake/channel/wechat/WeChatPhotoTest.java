package com.furnishcare.intake.channel.wechat;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.TestPhotos;
import com.furnishcare.intake.support.WeChatClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** WeChat images are downloaded by MediaId and kept by the gateway, so the evidence outlives WeChat's three days. */
@ExtendWith(VertxExtension.class)
class WeChatPhotoTest {

  @TempDir
  Path dataDir;

  @Test
  void anImageIsDownloadedKeptWithoutItsPositionAndTheTicketRefersToOurCopy(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
      WeChatClient wechat = harness.wechat(gateway);
      String openId = "o-photo-owner";
      harness.api.hasMedia("MEDIA_DOOR_1", TestPhotos.jpegWithGps());
      GatewayHarness.content(wechat.post(WeChatClient.textXml(openId, "7001", Intake.MESSAGES[0])).bodyAsString());

      String reply = GatewayHarness.content(wechat.post(WeChatClient.imageXml(openId, "7002", "MEDIA_DOOR_1")).bodyAsString());
      assertTrue(reply.contains("照片"), reply);

      String blobId = BlobIds.ofSource("wechat:" + openId, "MEDIA_DOOR_1");
      BlobStore blobs = gateway.stores().blobs();
      Await.until("photo kept", () -> await(blobs.get(blobId)).isPresent());
      BlobStore.Blob kept = await(blobs.get(blobId)).orElseThrow();
      assertEquals("image/jpeg", kept.contentType());
      assertEquals("wechat:" + openId, kept.owner());
      assertNull(((JpegImageMetadata) Imaging.getMetadata(kept.bytes())).getExif().getGpsInfo(), "GPS kept");

      // WeChat retries the same message: the recorded reply, and no second download.
      wechat.post(WeChatClient.imageXml(openId, "7002", "MEDIA_DOOR_1"));
      String ticketId = Intake.ticketId(GatewayHarness.content(
          wechat.post(WeChatClient.textXml(openId, "7003", Intake.MESSAGES[1])).bodyAsString()));
      assertEquals(List.of("MEDIA_DOOR_1"), harness.api.mediaDownloads());

      JsonArray attachments = harness.admin(gateway, "/api/tickets/" + ticketId).getJsonArray("attachments");
      assertEquals(1, attachments.size(), attachments.encode());
      assertTrue(attachments.getString(0).startsWith(blobId + " http://mmbiz.qpic.cn/"), attachments.encode());
      assertTrue(recorded(harness, gateway, "photo_stored").getString("detail").startsWith(blobId + " image/jpeg"));
      assertEquals(List.of(), harness.api.problems());
      wechat.close();
    }
  }

  @Test
  void anExpiredMediaIdIsRecordedOnceAndTheConversationGoesOn(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).api(harness.api));
      WeChatClient wechat = harness.wechat(gateway);
      harness.api.hasMedia("MEDIA_OLD", TestPhotos.plainJpeg());
      harness.api.expireMedia("MEDIA_OLD"); // three days later

      String reply = GatewayHarness.content(wechat.post(WeChatClient.imageXml("o-late", "7101", "MEDIA_OLD")).bodyAsString());
      assertTrue(reply.contains("图片"), reply);

      Await.until("failure recorded", () -> recordedOrNull(harness, gateway, "photo_download_failed") != null);
      JsonObject failure = recorded(harness, gateway, "photo_download_failed");
      assertEquals("MEDIA_OLD", failure.getString("reference"));
      assertTrue(failure.getString("detail").contains("40007"), failure.encode());
      assertEquals(List.of("MEDIA_OLD"), harness.api.mediaDownloads(), "40007 is not retried");
      assertTrue(await(gateway.stores().blobs().get(BlobIds.ofSource("wechat:o-late", "MEDIA_OLD"))).isEmpty());
      assertEquals(List.of(), harness.api.problems());
      wechat.close();
    }
  }

  private static JsonObject recorded(GatewayHarness harness, Gateway gateway, String kind) {
    JsonObject found = recordedOrNull(harness, gateway, kind);
    if (found == null) {
      throw new AssertionError("no " + kind + " in the delivery log");
    }
    return found;
  }

  private static JsonObject recordedOrNull(GatewayHarness harness, Gateway gateway, String kind) {
    for (Object item : harness.admin(gateway, "/api/deliveries?limit=50").getJsonArray("items")) {
      if (kind.equals(((JsonObject) item).getString("kind"))) {
        return (JsonObject) item;
      }
    }
    return null;
  }
}
