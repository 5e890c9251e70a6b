package com.furnishcare.intake.channel.wechat;

import com.furnishcare.intake.photo.PhotoCheck;
import com.furnishcare.intake.photo.PhotoRefused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.File;
import java.nio.file.Files;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;

/**
 * Downloads temporary media (what a follower sent) by MediaId through WxJava's
 * {@code getMaterialService().mediaDownload}, i.e. {@code GET /cgi-bin/media/get}. WxJava blocks and
 * writes the download to a temporary file, so the call runs on its own small worker pool (a slow
 * 10 MB download must not hold up kefu pushes) and the file is read and deleted at once: the photo with
 * its position stays on disk only for that moment.
 */
public final class WeChatMedia {

  /** WeChat's answer for a MediaId it does not know: never sent, or older than its three days. */
  static final int INVALID_MEDIA_ID = 40007;

  /** The media is gone or refused for good; retrying cannot help. */
  public static final class MediaGone extends Exception {
    MediaGone(String message) {
      super(message, null, false, false);
    }
  }

  private final WxMpService service;
  private final WorkerExecutor downloads;

  private WeChatMedia(WxMpService service, WorkerExecutor downloads) {
    this.service = service;
    this.downloads = downloads;
  }

  /** Uses the push sender's WxJava service, so the access token is the same one (kept in the store). */
  public static WeChatMedia create(Vertx vertx, WxJavaPushSender sender) {
    return new WeChatMedia(sender.service(), vertx.createSharedWorkerExecutor("wechat-media", 2));
  }

  /**
   * The media's bytes. Fails with {@link MediaGone} for 40007 (expired or unknown MediaId), with
   * {@link PhotoRefused} when it is over {@code maxBytes}, and with another exception for what may pass.
   */
  public Future<byte[]> download(String mediaId, long maxBytes) {
    return downloads.executeBlocking(() -> {
      File file;
      try {
        file = service.getMaterialService().mediaDownload(mediaId);
      } catch (WxErrorException e) {
        int code = e.getError() == null ? 0 : e.getError().getErrorCode();
        if (code == INVALID_MEDIA_ID) {
          throw new MediaGone(code + " " + e.getError().getErrorMsg());
        }
        throw e;
      }
      if (file == null) {
        throw new MediaGone("WeChat sent no file");
      }
      try {
        if (file.length() > maxBytes) {
          throw PhotoCheck.tooLarge(maxBytes);
        }
        return Files.readAllBytes(file.toPath());
      } finally {
        Files.deleteIfExists(file.toPath());
      }
    }, false);
  }

  public Future<Void> close() {
    return downloads.close();
  }
}
