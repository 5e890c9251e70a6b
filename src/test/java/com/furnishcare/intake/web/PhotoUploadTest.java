package com.furnishcare.intake.web;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.Gateway;
import com.furnishcare.intake.support.GatewayHarness;
import com.furnishcare.intake.support.Intake;
import com.furnishcare.intake.support.TestConfig;
import com.furnishcare.intake.support.TestPhotos;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Photos through the web chat: upload, the image turn, reading back, and everything refused. */
@ExtendWith(VertxExtension.class)
class PhotoUploadTest {

  @TempDir
  Path dataDir;

  @Test
  void aPhotoIsKeptWithoutItsPositionAttachedToTheTicketAndShownOnlyToItsConversation(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir));
      WebClient http = WebClient.create(vertx);
      harness.chat(gateway, "home", Intake.MESSAGES[0]);
      String id = harness.conversationId("home");
      String secret = harness.conversationSecret("home");

      // Declared as text in a .txt file: the bytes decide, and they are a JPEG.
      HttpResponse<Buffer> uploaded = upload(http, gateway, form(id, secret, TestPhotos.jpegWithGps(), "notes.txt", "text/plain"));
      assertEquals(200, uploaded.statusCode(), uploaded.bodyAsString());
      JsonObject answer = uploaded.bodyAsJsonObject();
      String photoId = answer.getString("photoId");
      assertTrue(photoId.matches("[0-9a-f]{32}"), photoId);
      assertEquals("/api/chat/photos/" + photoId, answer.getString("url"));
      assertEquals(id, answer.getString("conversationId"));
      assertTrue(GatewayHarness.allText(answer).contains("照片"), answer.encodePrettily());
      assertEquals("text", answer.getJsonArray("replies").getJsonObject(0).getString("kind"));

      // The same photo again (a retried upload) is the same photo and the same recorded answer.
      HttpResponse<Buffer> again = upload(http, gateway, form(id, secret, TestPhotos.jpegWithGps(), "p.jpg", "image/jpeg"));
      assertEquals(photoId, again.bodyAsJsonObject().getString("photoId"));
      assertEquals(answer.getJsonArray("replies"), again.bodyAsJsonObject().getJsonArray("replies"));

      HttpResponse<Buffer> read = await(http.get(gateway.port(), "127.0.0.1", answer.getString("url"))
          .putHeader("X-Conversation-Id", id).putHeader("X-Conversation-Secret", secret).send());
      assertEquals(200, read.statusCode());
      assertEquals("image/jpeg", read.getHeader("Content-Type"));
      assertEquals("nosniff", read.getHeader("X-Content-Type-Options"));
      JpegImageMetadata stored = (JpegImageMetadata) Imaging.getMetadata(read.bodyAsBuffer().getBytes());
      assertNull(stored.getExif().getGpsInfo(), "the stored photo still says where it was taken");
      try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
        assertTrue(files.anyMatch(f -> f.getFileName().toString().equals(photoId)), "kept under the data dir");
      }

      // Nobody else: another conversation, a wrong secret, no credentials, a made-up id.
      harness.chat(gateway, "neighbour", "你好");
      for (String[] who : new String[][] {
          {harness.conversationId("neighbour"), harness.conversationSecret("neighbour")},
          {id, harness.conversationSecret("neighbour")}, {id, null}, {null, secret}, {null, null}}) {
        var request = http.get(gateway.port(), "127.0.0.1", answer.getString("url"));
        if (who[0] != null) {
          request.putHeader("X-Conversation-Id", who[0]);
        }
        if (who[1] != null) {
          request.putHeader("X-Conversation-Secret", who[1]);
        }
        HttpResponse<Buffer> refused = await(request.send());
        assertEquals(404, refused.statusCode(), Arrays.toString(who));
        assertEquals("no such photo; photos are given back only to their conversation, with X-Conversation-Id and "
            + "X-Conversation-Secret", refused.bodyAsJsonObject().getString("error"));
      }

      // The photo goes with the ticket: our copy's id and URL.
      String ticketId = Intake.ticketId(GatewayHarness.lastText(harness.chat(gateway, "home", Intake.MESSAGES[1])));
      JsonObject ticket = harness.admin(gateway, "/api/tickets/" + ticketId);
      assertEquals(1, ticket.getJsonArray("attachments").size(), ticket.encodePrettily());
      assertEquals(photoId + " /api/chat/photos/" + photoId, ticket.getJsonArray("attachments").getString(0));
      http.close();
    }
  }

  @Test
  void refusedUploadsSayWhyAndChangeNothing(Vertx vertx) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(vertx)) {
      Gateway gateway = harness.start(TestConfig.embedded(dataDir).with("PHOTO_MAX_BYTES", "65536"));
      WebClient http = WebClient.create(vertx);
      harness.chat(gateway, "home", "我要投诉");
      String id = harness.conversationId("home");
      String secret = harness.conversationSecret("home");

      byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
      HttpResponse<Buffer> notImage = upload(http, gateway, form(id, secret, html, "door.jpg", "image/jpeg"));
      assertEquals(415, notImage.statusCode());
      assertEquals("only JPEG, PNG, WebP and HEIC/HEIF photos are accepted, and this file is none of them",
          notImage.bodyAsJsonObject().getString("error"));

      byte[] huge = new byte[70_000];
      huge[0] = (byte) 0xff;
      huge[1] = (byte) 0xd8;
      huge[2] = (byte) 0xff;
      HttpResponse<Buffer> tooLarge = upload(http, gateway, form(id, secret, huge, "big.jpg", "image/jpeg"));
      assertEquals(413, tooLarge.statusCode());
      assertEquals("the photo is larger than 64 KB (65536 bytes); send a smaller one",
          tooLarge.bodyAsJsonObject().getString("error"));

      String noConversation = "no such conversation; start a new one by sending a message without conversationId";
      byte[] jpeg = TestPhotos.plainJpeg();
      for (String[] who : new String[][] {{id, "wrong-secret"}, {"c-unknown", secret}, {null, null}}) {
        HttpResponse<Buffer> refused = upload(http, gateway, form(who[0], who[1], jpeg, "p.jpg", "image/jpeg"));
        assertEquals(404, refused.statusCode(), Arrays.toString(who));
        assertEquals(noConversation, refused.bodyAsJsonObject().getString("error"));
      }

      HttpResponse<Buffer> json = await(http.post(gateway.port(), "127.0.0.1", "/api/chat/photos")
          .sendJsonObject(new JsonObject().put("conversationId", id).put("conversationSecret", secret)));
      assertEquals(415, json.statusCode());

      HttpResponse<Buffer> noPhoto = upload(http, gateway, MultipartForm.create().attribute("conversationId", id)
          .attribute("conversationSecret", secret));
      assertEquals(400, noPhoto.statusCode());

      // The secret may come as a header instead of a form field, as for messages.
      HttpResponse<Buffer> byHeader = await(http.post(gateway.port(), "127.0.0.1", "/api/chat/photos")
          .putHeader("X-Conversation-Secret", secret)
          .sendMultipartForm(MultipartForm.create().attribute("conversationId", id)
              .binaryFileUpload("photo", "p.png", Buffer.buffer(TestPhotos.pngWithExif()), "image/png")));
      assertEquals(200, byHeader.statusCode(), byHeader.bodyAsString());

      assertFalse(harness.session(gateway, id).isPresent(), "(a web conversation is not a WeChat session)");
      http.close();
    }
  }

  static MultipartForm form(String conversationId, String secret, byte[] photo, String fileName, String declaredType) {
    MultipartForm form = MultipartForm.create();
    if (conversationId != null) {
      form.attribute("conversationId", conversationId);
    }
    if (secret != null) {
      form.attribute("conversationSecret", secret);
    }
    return form.binaryFileUpload("photo", fileName, Buffer.buffer(photo), declaredType);
  }

  static HttpResponse<Buffer> upload(WebClient http, Gateway gateway, MultipartForm form) {
    return await(http.post(gateway.port(), "127.0.0.1", "/api/chat/photos").sendMultipartForm(form));
  }
}
