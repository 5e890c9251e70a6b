package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import com.furnishcare.intake.core.ChannelName;
import com.furnishcare.intake.core.DeliveryEvent;
import com.furnishcare.intake.core.DeliveryLog;
import com.furnishcare.intake.core.InboundMessage;
import com.furnishcare.intake.core.MessageKind;
import com.furnishcare.intake.photo.PhotoIntake;
import com.furnishcare.intake.photo.PhotoRefused;
import com.furnishcare.intake.turn.Retry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway's own copy of every photo a follower sends, because WeChat deletes temporary media
 * after three days and the ticket must outlive that.
 *
 * <p>The photo is named before it is fetched: its blob id is derived from the follower and the MediaId
 * ({@link BlobIds#ofSource}), so the turn runs at once with that id in place of the MediaId (the engine
 * keeps {@code mediaId + " " + picUrl} in the photos slot, so the ticket refers to our copy) and the
 * passive reply never waits for a download. The download, content check, location removal and write
 * then run in the background; a WeChat retry of the same message names the same blob and finds it
 * already kept. What could not be kept (MediaId expired, not an image, too large, WeChat unreachable
 * after three tries) is recorded in the delivery log, and the ticketing sink attaches what is there.
 */
public final class WeChatPhotos {

  private static final Logger LOG = LoggerFactory.getLogger(WeChatPhotos.class);
  private static final int ATTEMPTS = 3;

  private final Vertx vertx;
  private final WeChatMedia media;
  private final PhotoIntake intake;
  private final BlobStore blobs;
  private final DeliveryLog deliveries;
  private final Clock clock;

  public WeChatPhotos(Vertx vertx, WeChatMedia media, PhotoIntake intake, BlobStore blobs, DeliveryLog deliveries,
      Clock clock) {
    this.vertx = vertx;
    this.media = media;
    this.intake = intake;
    this.blobs = blobs;
    this.deliveries = deliveries;
    this.clock = clock;
  }

  /**
   * For an image, the message the turn should see (the blob id as its mediaId, WeChat's own MediaId kept
   * as {@code wechatMediaId}), with the download started; any other message as it is.
   */
  public InboundMessage adopt(InboundMessage message) {
    if (!downloads(message)) {
      return message;
    }
    String mediaId = message.attribute("mediaId");
    String owner = message.from().asString();
    String blobId = BlobIds.ofSource(owner, mediaId);
    fetch(blobId, owner, message.from().userId(), mediaId);
    Map<String, String> attributes = new HashMap<>(message.attributes());
    attributes.put("mediaId", blobId);
    attributes.put("blobId", blobId);
    attributes.put("wechatMediaId", mediaId);
    return new InboundMessage(message.from(), message.kind(), message.text(), attributes, message.receivedAt());
  }

  /** Whether {@link #adopt} starts a download for this message: an image with its MediaId. */
  public boolean downloads(InboundMessage message) {
    return message.kind() == MessageKind.IMAGE && !message.attribute("mediaId").isEmpty();
  }

  /** Resolves when the photo is kept (or was already), fails when it could not be; never needed by the turn. */
  Future<Void> fetch(String blobId, String owner, String openId, String mediaId) {
    return blobs.get(blobId)
        .compose(existing -> existing.isPresent() ? Future.succeededFuture()
            : Retry.withPauses(vertx, ATTEMPTS, WeChatPhotos::permanent,
                    () -> media.download(mediaId, intake.maxBytes()))
                .compose(bytes -> intake.keepAs(blobId, owner, bytes))
                .compose(kept -> record("photo_stored", openId, mediaId, blobId + " " + kept.type().contentType())))
        .recover(err -> {
          LOG.warn("photo {} of {} not kept: {}", mediaId, openId, err.toString());
          String kind = err instanceof PhotoRefused ? "photo_refused" : "photo_download_failed";
          return record(kind, openId, mediaId, blobId + " " + err.getMessage())
              .compose(ignored -> Future.failedFuture(err));
        });
  }

  private static boolean permanent(Throwable err) {
    return err instanceof WeChatMedia.MediaGone || err instanceof PhotoRefused;
  }

  private Future<Void> record(String kind, String openId, String mediaId, String detail) {
    return deliveries.record(new DeliveryEvent(kind, ChannelName.WECHAT, openId, mediaId, detail, clock.instant()))
        .recover(err -> {
          LOG.warn("could not record {} for photo {}", kind, mediaId, err);
          return Future.succeededFuture();
        });
  }

  public Future<Void> close() {
    return media.close().eventually(intake::close);
  }
}
