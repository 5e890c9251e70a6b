package com.furnishcare.intake.reload;

import static com.furnishcare.intake.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.support.Await;
import com.furnishcare.intake.support.CapturingAppender;
import com.furnishcare.intake.survey.model.SurveyBook;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Edited surveys are used without a restart; a broken edit leaves the last good surveys in use. */
@ExtendWith(VertxExtension.class)
class SurveyBookSourceTest {

  private static final String INTRO = "您好！您家的定制家具已安装完成";

  @TempDir
  Path dir;

  private Path copySurveys() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("dialogs/surveys"))) {
      for (Path p : files.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()));
      }
    }
    return dir;
  }

  private static String intro(ReloadingSource<SurveyBook> source) {
    return source.get().survey("post-installation").intro();
  }

  @Test
  void editsArePickedUpAndBrokenEditsKeepTheLastGoodSurveys(Vertx vertx) throws Exception {
    Path surveys = copySurveys();
    ReloadingSource<SurveyBook> source = await(SurveyBookSource.start(vertx, surveys, 100));
    try {
      assertTrue(intro(source).startsWith(INTRO), intro(source));
      Path file = surveys.resolve("post-installation.yaml");
      String shipped = Files.readString(file, StandardCharsets.UTF_8);
      Files.writeString(file, shipped.replace("intro: " + INTRO, "intro: 新版：" + INTRO), StandardCharsets.UTF_8);
      Await.until("edited intro in use", () -> intro(source).startsWith("新版："));

      int logStart = CapturingAppender.size();
      Files.writeString(file, shipped.replace("intro: " + INTRO, "intro: 再改：" + INTRO)
          .replace("type: nps", "type: stars"), StandardCharsets.UTF_8);
      Await.until("broken edit reported", () -> CapturingAppender.since(logStart).stream()
          .anyMatch(l -> l.text().contains("post-installation.yaml:") && l.text().contains("unknown question type 'stars'")));
      assertTrue(intro(source).startsWith("新版："), "the last good surveys stay in use: " + intro(source));

      Files.writeString(file, shipped.replace("intro: " + INTRO, "intro: 修好：" + INTRO), StandardCharsets.UTF_8);
      Await.until("fixed file in use", () -> intro(source).startsWith("修好："));
    } finally {
      await(source.stop());
    }
  }

  @Test
  void answerWordEditsArePickedUp(Vertx vertx) throws Exception {
    Path surveys = copySurveys();
    ReloadingSource<SurveyBook> source = await(SurveyBookSource.start(vertx, surveys, 100));
    try {
      assertTrue(!source.get().words().optOut().contains("别打扰我"));
      Path words = surveys.resolve("answer-words.yaml");
      Files.writeString(words, Files.readString(words, StandardCharsets.UTF_8).replace("optOut: [退订, ",
          "optOut: [退订, 别打扰我, "), StandardCharsets.UTF_8);
      Await.until("new opt-out word in use", () -> source.get().words().optOut().contains("别打扰我"));
    } finally {
      await(source.stop());
    }
  }

  @Test
  void brokenSurveysStopTheSourceFromStartingWithFileAndLine(Vertx vertx) throws Exception {
    Path surveys = copySurveys();
    Files.delete(surveys.resolve("post-design.yaml"));
    Throwable failure = Await.failure(SurveyBookSource.start(vertx, surveys, 100));
    assertEquals("surveys not valid: post-design.yaml:1: missing from the surveys directory; the service system"
        + " sends every one of " + SurveyBook.REQUIRED_IDS, failure.getMessage());
  }
}
