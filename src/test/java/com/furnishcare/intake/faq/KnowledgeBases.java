package com.furnishcare.intake.faq;

import com.furnishcare.intake.dialog.load.VocabularyLoader;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** The shipped knowledge base and vocabulary, for tests and the benchmark. */
public final class KnowledgeBases {

  public static final Path SHIPPED = Path.of("knowledge-base");

  private KnowledgeBases() {}

  public static Set<String> categories() throws Exception {
    Path file = Path.of("dialogs", "vocabulary.yaml");
    Vocabulary vocabulary = VocabularyLoader.parse(file.toString(), Files.readString(file));
    return vocabulary.categories().stream().map(Vocabulary.Term::code).collect(Collectors.toSet());
  }

  public static FaqIndex shipped() throws Exception {
    return FaqIndex.build(KnowledgeBaseLoader.load(SHIPPED, categories()), FaqThresholds.DEFAULTS);
  }
}
