package com.furnishcare.intake.ticket;

import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.Ticket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A ticket's photos as REST 2.0 {@code Attachments} ({@code FileName}, {@code FileType}, base64
 * {@code FileContent}), read from the gateway's own copies. Each attachment line of a ticket starts with
 * the blob id ({@code "<blobId> <url>"}, from the web chat or WeChat); lines that name no blob (a
 * WeChat MediaId from a gateway without API access) are left to the ticket text.
 *
 * <p>A WeChat photo is downloaded in the background, so a ticket confirmed right after its photo may
 * reach the relay first: while the ticket is younger than {@link #WAIT_FOR_DOWNLOADS}, a missing photo
 * fails the delivery and the relay tries again; after that the ticket goes without it, and its body
 * says which photo could not be attached (the delivery log says why).
 */
final class RtPhotos {

  static final Duration WAIT_FOR_DOWNLOADS = Duration.ofSeconds(60);

  /** What goes to RT: the attachments, and a line for the body about any photo that is not there. */
  record Prepared(JsonArray attachments, Optional<String> missingNote) {}

  private final Vertx vertx;
  private final BlobStore blobs;
  private final Clock clock;

  RtPhotos(Vertx vertx, BlobStore blobs, Clock clock) {
    this.vertx = vertx;
    this.blobs = blobs;
    this.clock = clock;
  }

  Future<Prepared> prepare(Ticket ticket) {
    List<String> ids = ticket.attachments().stream().map(line -> line.strip().split("\\s+", 2)[0])
        .filter(BlobIds::isValid).distinct().toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(new Prepared(new JsonArray(), Optional.empty()));
    }
    List<Future<Optional<BlobStore.Blob>>> reads = ids.stream().map(blobs::get).toList();
    // Base64 of megabytes is CPU work: done on a worker, not on the relay's event loop.
    return Future.all(reads).compose(all -> vertx.executeBlocking(() -> {
      String owner = ticket.channel().wireName() + ":" + ticket.userId();
      JsonArray attachments = new JsonArray();
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Optional<BlobStore.Blob> blob = reads.get(i).result();
        if (blob.isEmpty() || !blob.get().owner().equals(owner)) {
          missing.add(ids.get(i));
          continue;
        }
        attachments.add(new JsonObject()
            .put("FileName", "photo-" + (attachments.size() + 1) + extension(blob.get().contentType()))
            .put("FileType", blob.get().contentType())
            .put("FileContent", Base64.getEncoder().encodeToString(blob.get().bytes())));
      }
      boolean young = Duration.between(ticket.createdAt(), clock.instant()).compareTo(WAIT_FOR_DOWNLOADS) < 0;
      if (!missing.isEmpty() && young) {
        throw new IllegalStateException("photo " + missing.get(0)
            + " is not kept yet (a WeChat download may still be running); the delivery is tried again");
      }
      return new Prepared(attachments, missing.isEmpty() ? Optional.empty()
          : Optional.of("未能附上的照片（未取得）：" + String.join("、", missing)));
    }, false));
  }

  private static String extension(String contentType) {
    return switch (contentType) {
      case "image/jpeg" -> ".jpg";
      case "image/png" -> ".png";
      case "image/webp" -> ".webp";
      default -> ".heic";
    };
  }
}
