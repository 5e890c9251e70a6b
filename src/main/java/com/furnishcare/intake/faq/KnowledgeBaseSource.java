package com.furnishcare.intake.faq;

import com.furnishcare.intake.config.FaqConfig;
import com.furnishcare.intake.reload.ReloadingSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The FAQ index over {@code knowledge-base/}, rebuilt when a file there changes. */
public final class KnowledgeBaseSource {

  private KnowledgeBaseSource() {}

  /** @param categories the complaint categories entries may name, read at each build */
  public static Future<ReloadingSource<FaqIndex>> start(Vertx vertx, FaqConfig config, Supplier<Set<String>> categories,
      long intervalMs) {
    FaqThresholds thresholds = new FaqThresholds(config.answerConfidence(), config.choicesConfidence(),
        config.answerMargin());
    return ReloadingSource.start(vertx, "knowledge base", List.of(config.knowledgeBaseDir()),
        () -> FaqIndex.build(KnowledgeBaseLoader.load(config.knowledgeBaseDir(), categories.get()), thresholds),
        index -> index.size() + " entries from " + config.knowledgeBaseDir(), intervalMs);
  }
}
