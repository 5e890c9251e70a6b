package com.furnishcare.intake.core;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Photos the homeowners sent, kept by the gateway itself so the evidence outlives the channel's copy
 * (WeChat deletes temporary media after three days). A blob is written whole or not at all, and is
 * never changed once written: the same id always reads back the same bytes.
 */
public interface BlobStore {

  /**
   * One stored photo.
   *
   * @param owner the conversation it came from ({@link ConversationKey#asString()}); only that
   *     conversation may read it back through a public door
   * @param contentType what the bytes were checked to be (image/jpeg …), never what the sender declared
   */
  record Blob(String owner, String contentType, byte[] bytes) {}

  /**
   * Stores {@code blob} under {@code id} (see {@link BlobIds}). Storing the same id again is a no-op that
   * succeeds, so a retried upload or a redelivered WeChat message costs nothing.
   */
  Future<Void> put(String id, Blob blob);

  /** The blob, or empty when no blob has that id (never written, or not yet). */
  Future<Optional<Blob>> get(String id);

  /** Stores {@code blob} under an id derived from its owner and bytes, and resolves with that id. */
  default Future<String> put(Blob blob) {
    String id = BlobIds.ofContent(blob.owner(), blob.bytes());
    return put(id, blob).map(id);
  }

  /** A store for configurations without one (tests of single stores): every call fails. */
  static BlobStore unavailable() {
    return new BlobStore() {
      @Override
      public Future<Void> put(String id, Blob blob) {
        return Future.failedFuture(new IllegalStateException("no blob store configured"));
      }

      @Override
      public Future<Optional<Blob>> get(String id) {
        return Future.failedFuture(new IllegalStateException("no blob store configured"));
      }
    };
  }
}
