package com.furnishcare.intake.photo;

import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/**
 * Checks a photo ({@link PhotoCheck}) on a small worker pool — image parsing is CPU work on megabytes and
 * must never run on an event loop — and keeps it in the {@link BlobStore}. Fails with
 * {@link PhotoRefused} for a photo the gateway does not keep.
 */
public final class PhotoIntake {

  /** Two threads: the machine has two cores, and a burst of uploads should queue, not starve the turns. */
  private static final int THREADS = 2;

  private final BlobStore blobs;
  private final long maxBytes;
  private final WorkerExecutor checks;

  private PhotoIntake(BlobStore blobs, long maxBytes, WorkerExecutor checks) {
    this.blobs = blobs;
    this.maxBytes = maxBytes;
    this.checks = checks;
  }

  /** Created inside a verticle, the pool closes with it; otherwise call {@link #close()}. */
  public static PhotoIntake create(Vertx vertx, BlobStore blobs, long maxBytes) {
    return new PhotoIntake(blobs, maxBytes, vertx.createSharedWorkerExecutor("photo-checks", THREADS));
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Keeps the photo under an id derived from owner and content; resolves with the id and type. */
  public Future<Kept> keep(String owner, byte[] bytes) {
    // The id hashes up to megabytes: computed on the worker with the check, not on the event loop.
    return checks.executeBlocking(() -> {
      PhotoCheck.Checked checked = PhotoCheck.clean(bytes, maxBytes);
      return new Kept(BlobIds.ofContent(owner, checked.bytes()), checked.type(), checked.bytes());
    }, false).compose(kept -> blobs.put(kept.id(), new BlobStore.Blob(owner, kept.type().contentType(), kept.bytes()))
        .map(kept));
  }

  /** Keeps the photo under an id fixed in advance (a WeChat photo, named before it was downloaded). */
  public Future<Kept> keepAs(String id, String owner, byte[] bytes) {
    return check(bytes).compose(checked -> blobs.put(id, new BlobStore.Blob(owner, checked.type().contentType(),
        checked.bytes())).map(new Kept(id, checked.type(), checked.bytes())));
  }

  private Future<PhotoCheck.Checked> check(byte[] bytes) {
    return checks.executeBlocking(() -> PhotoCheck.clean(bytes, maxBytes), false);
  }

  public Future<Void> close() {
    return checks.close();
  }

  /** A kept photo: its blob id, real type and the bytes as kept (location removed). */
  public record Kept(String id, PhotoType type, byte[] bytes) {}
}
