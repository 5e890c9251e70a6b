package com.furnishcare.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the core and the dialog engine free of transport, storage and WeChat types (plain package scan). */
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java/com/furnishcare/intake");

  @Test
  void coreImportsOnlyJavaAndVertxFuture() throws IOException {
    assertEquals(List.of(), violations("core", List.of("java.", "io.vertx.core.Future", "io.vertx.core.Promise")));
  }

  @Test
  void dialogEngineAndNluArePureJava() throws IOException {
    // dialog/load reads the YAML files; everything else in dialog/ must run without I/O. Caffeine's cache is an
    // in-memory map (the NLU's memo of recent messages), maintained on the caller's thread.
    assertEquals(List.of(), violations("dialog", List.of("java.util.", "java.time.", "com.furnishcare.intake.core.",
        "com.furnishcare.intake.dialog.", "com.ibm.icu.text.Transliterator",
        "com.github.benmanes.caffeine.cache."), "load"));
  }

  @Test
  void surveyModelAndAnswerReaderArePureJava() throws IOException {
    // survey/load reads the YAML files, survey/dispatch sends and survey/chat connects a survey to the turn
    // service and the store; the model, the answer reader and the survey conversation must run without I/O.
    assertEquals(List.of(), violations("survey", List.of("java.util.", "java.time.", "com.furnishcare.intake.core.",
        "com.furnishcare.intake.survey.", "com.furnishcare.intake.dialog.nlu.TextNormalizer"), "load", "dispatch",
        "chat"));
  }

  @Test
  void nothingPrintsAroundTheLogger() throws IOException {
    // Output that skips the logger skips its masking of personal data and its levels. Only GatewayMain
    // prints, for the two errors that happen before logging is worth trusting (bad config, failed start).
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("GatewayMain.java")).toList()) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).matches(".*System\\.(out|err)\\b.*|.*printStackTrace\\(.*")) {
            found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }

  private static List<String> violations(String pkg, List<String> allowed, String... skipped) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> java.util.Arrays.stream(skipped).noneMatch(s -> f.startsWith(MAIN.resolve(pkg).resolve(s))))
          .toList()) {
        for (String line : Files.readAllLines(file)) {
          String trimmed = line.strip();
          if (trimmed.startsWith("import ")) {
            String imported = trimmed.replace("import static ", "").replace("import ", "").replace(";", "");
            if (allowed.stream().noneMatch(imported::startsWith)) {
              found.add(file.getFileName() + ": " + imported);
            }
          }
        }
      }
    }
    return found;
  }
}
