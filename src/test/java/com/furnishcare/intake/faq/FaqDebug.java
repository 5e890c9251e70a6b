package com.furnishcare.intake.faq;

/** Prints how questions are analysed and ranked: for tuning the knowledge base by hand. */
public final class FaqDebug {
  public static void main(String[] args) throws Exception {
    KnowledgeBase base = KnowledgeBaseLoader.load(KnowledgeBases.SHIPPED, KnowledgeBases.categories());
    FaqAnalyzers analyzers = FaqAnalyzers.of(base.synonyms(), base.stopWords());
    FaqIndex index = FaqIndex.build(base, FaqThresholds.DEFAULTS);
    for (String q : args) {
      System.out.println(q + " → words " + analyzers.words(q));
      index.rank(q, 3).forEach(h -> System.out.printf("   %-28s conf %.2f bm25 %.2f%n", h.id(), h.confidence(), h.score()));
    }
  }
}
