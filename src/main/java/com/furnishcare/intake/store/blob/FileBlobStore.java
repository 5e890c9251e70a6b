package com.furnishcare.intake.store.blob;

import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under one directory: {@code ab/cd/<id>} holds the bytes and {@code ab/cd/<id>.json} the
 * owner and content type (two levels of 256 folders keep any one folder small). Each file is written to
 * {@code tmp/}, flushed to disk and then renamed into place, which is atomic on one file system: a
 * crash leaves a whole photo or none, never half of one. The metadata goes first, so a photo whose bytes
 * are there always has its metadata. File I/O runs on a small worker pool, never on an event loop.
 *
 * <p>With Redis several gateways may serve one conversation; they must then share this directory (a
 * shared volume), or a photo stored by one cannot be read by another.
 */
public final class FileBlobStore implements BlobStore {

  private static final Logger LOG = LoggerFactory.getLogger(FileBlobStore.class);
  private static final String META = ".json";

  private final Path root;
  private final Path tmp;
  private final WorkerExecutor io;

  private FileBlobStore(Path root, WorkerExecutor io) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    this.io = io;
  }

  /**
   * Opens (creating it when needed) the store in {@code root}. Files left in {@code tmp/} by a crash
   * mid-write are removed: they were never renamed into place, so nothing refers to them.
   */
  public static Future<FileBlobStore> open(Vertx vertx, Path root) {
    WorkerExecutor io = vertx.createSharedWorkerExecutor("blob-store-" + root.toAbsolutePath(), 2);
    FileBlobStore store = new FileBlobStore(root, io);
    return io.executeBlocking(() -> {
      Files.createDirectories(store.tmp);
      try (Stream<Path> leftovers = Files.list(store.tmp)) {
        for (Path file : leftovers.toList()) {
          Files.deleteIfExists(file);
        }
      }
      return store;
    }, false).recover(err -> io.close().transform(ignored -> Future.failedFuture(
        new IOException("cannot open the photo store in " + root + ": " + err.getMessage(), err))));
  }

  @Override
  public Future<Void> put(String id, Blob blob) {
    if (!BlobIds.isValid(id)) {
      return Future.failedFuture(new IllegalArgumentException("not a blob id: " + id));
    }
    return io.executeBlocking(() -> {
      Path data = dataFile(id);
      if (Files.exists(data)) {
        return null; // ids are derived from what they name: the same id is the same photo
      }
      Files.createDirectories(data.getParent());
      JsonObject meta = new JsonObject().put("owner", blob.owner()).put("contentType", blob.contentType())
          .put("size", blob.bytes().length);
      writeAtomically(data.resolveSibling(id + META), meta.encode().getBytes(StandardCharsets.UTF_8));
      writeAtomically(data, blob.bytes());
      return null;
    }, false);
  }

  @Override
  public Future<Optional<Blob>> get(String id) {
    if (!BlobIds.isValid(id)) {
      return Future.succeededFuture(Optional.empty());
    }
    return io.executeBlocking(() -> {
      Path data = dataFile(id);
      try {
        byte[] bytes = Files.readAllBytes(data);
        JsonObject meta = new JsonObject(Files.readString(data.resolveSibling(id + META), StandardCharsets.UTF_8));
        return Optional.of(new Blob(meta.getString("owner", ""), meta.getString("contentType", ""), bytes));
      } catch (NoSuchFileException e) {
        return Optional.<Blob>empty();
      }
    }, false);
  }

  public Future<Void> close() {
    return io.close();
  }

  private Path dataFile(String id) {
    return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
  }

  private void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(tmp, "blob-", ".part");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true); // on disk before the rename makes it visible, so a power cut cannot expose a hole
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        LOG.warn("could not remove the unfinished blob file {}", temp, cleanup);
      }
      throw e;
    }
  }
}
