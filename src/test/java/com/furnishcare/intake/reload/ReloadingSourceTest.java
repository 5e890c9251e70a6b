package com.furnishcare.intake.reload;

import static com.furnishcare.intake.support.Await.await;
import static com.furnishcare.intake.support.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ReloadingSourceTest {

  @TempDir
  Path dir;

  /**
   * A writer that truncates, then writes (a shell's {@code >}): the moment in between is a file of its own, often a
   * valid one (an empty alerts file, half a knowledge base). Seen at a single check, it is not read; the edit is
   * read once it has stopped changing. Ten edits, each with a short-lived half-written state at a random phase of
   * the checks: before the edit had to stay put for two checks, most of them got built.
   */
  @Test
  void aFileIsReadOnlyOnceItHasStoppedChanging(Vertx vertx) throws Exception {
    Path file = Files.writeString(dir.resolve("robots.yaml"), "version 0\n");
    List<String> built = new CopyOnWriteArrayList<>();
    ReloadingSource<String> source = await(ReloadingSource.start(vertx, "test file", List.of(file), () -> {
      String text = Files.readString(file);
      built.add(text);
      return text;
    }, text -> text.strip(), 50));
    for (int i = 1; i <= 10; i++) {
      Files.writeString(file, "half\n");
      Thread.sleep(20 + (i * 7) % 25);
      String whole = "version " + i + "\n";
      Files.writeString(file, whole);
      until("edit " + i + " read", () -> source.get().equals(whole));
    }
    assertTrue(built.stream().noneMatch(text -> text.startsWith("half")), "a half-written file was built: " + built);
    assertEquals("version 10\n", source.get());
    await(source.stop());
  }
}
