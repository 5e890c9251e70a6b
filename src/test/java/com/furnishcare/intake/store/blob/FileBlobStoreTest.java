package com.furnishcare.intake.store.blob;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.BlobIds;
import com.furnishcare.intake.core.BlobStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class FileBlobStoreTest {

  @TempDir
  Path dir;

  @Test
  void aBlobReadsBackAsWrittenUnderItsShardedPath(Vertx vertx) throws Exception {
    FileBlobStore store = await(FileBlobStore.open(vertx, dir));
    byte[] bytes = "jpeg bytes".getBytes(StandardCharsets.UTF_8);
    String id = await(store.put(new BlobStore.Blob("webchat:c1", "image/jpeg", bytes)));
    assertEquals(BlobIds.ofContent("webchat:c1", bytes), id);
    assertTrue(Files.exists(dir.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id)));
    BlobStore.Blob back = await(store.get(id)).orElseThrow();
    assertArrayEquals(bytes, back.bytes());
    assertEquals("image/jpeg", back.contentType());
    assertEquals("webchat:c1", back.owner());
    // Again: the same id, nothing rewritten; another owner: another blob.
    assertEquals(id, await(store.put(new BlobStore.Blob("webchat:c1", "image/jpeg", bytes))));
    assertFalse(id.equals(await(store.put(new BlobStore.Blob("webchat:c2", "image/jpeg", bytes)))));
    assertTrue(await(store.get(BlobIds.ofSource("wechat:o1", "media-1"))).isEmpty());
    assertTrue(await(store.get("../../etc/passwd")).isEmpty(), "only ids reach the file system");
    try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertEquals(0, tmp.count(), "nothing half-written left behind");
    }
    await(store.close());
  }

  @Test
  void aWriteCutShortByACrashIsNeitherReadNorKept(Vertx vertx) throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("tmp").resolve("blob-123.part"), "half a pho");
    FileBlobStore store = await(FileBlobStore.open(vertx, dir));
    try (Stream<Path> tmp = Files.list(dir.resolve("tmp"))) {
      assertEquals(0, tmp.count(), "the unfinished write is removed at open");
    }
    await(store.close());
  }
}
