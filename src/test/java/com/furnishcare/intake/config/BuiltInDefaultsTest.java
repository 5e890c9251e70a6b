package com.furnishcare.intake.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import com.furnishcare.intake.faq.FaqIndex;
import com.furnishcare.intake.faq.FaqThresholds;
import com.furnishcare.intake.faq.KnowledgeBaseLoader;
import com.furnishcare.intake.ticket.RtRouting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The copies shipped inside the jar are the repository's files, and they load as a working gateway's data. */
class BuiltInDefaultsTest {

  private final Path root = BuiltInDefaults.root();

  @Test
  void theBuiltInCopyHoldsEveryShippedFile() throws Exception {
    for (String folder : List.of("dialogs", "knowledge-base")) {
      assertEquals(names(Path.of(folder)), names(root.resolve(folder)), folder);
    }
    for (String file : List.of("config/grading.yaml", "config/dealers.csv", "config/rt-routing.yaml")) {
      assertEquals(Files.readString(Path.of(file)), Files.readString(root.resolve(file)), file);
    }
  }

  @Test
  void theBuiltInDialogsAndKnowledgeBaseLoad() throws Exception {
    DialogBook book = DialogBookLoader.load(root.resolve("dialogs"), root.resolve("config/grading.yaml"),
        root.resolve("config/dealers.csv"));
    assertTrue(book.flows().containsKey("complaint-intake"), book.flows().keySet().toString());
    var categories = book.vocabulary().categories().stream().map(Vocabulary.Term::code).collect(Collectors.toSet());
    FaqIndex index = FaqIndex.build(KnowledgeBaseLoader.load(root.resolve("knowledge-base"), categories),
        FaqThresholds.DEFAULTS);
    long entries;
    try (Stream<Path> files = Files.list(Path.of("knowledge-base"))) {
      entries = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".md") && !n.equalsIgnoreCase("README.md")).count();
    }
    assertEquals(entries, index.size());
    // The built-in routing leaves RT_QUEUE in charge: it must not send tickets to a queue the operator's RT lacks.
    RtRouting routing = RtRouting.load(root.resolve("config/rt-routing.yaml"), "Complaints");
    assertEquals("Complaints", routing.forDealer("D0571").queue());
    assertEquals("Complaints", routing.forDealer("HQ").queue());
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
