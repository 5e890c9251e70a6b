package com.furnishcare.intake.faq;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Prints the evaluation figures for a grid of thresholds: how the shipped defaults were chosen. */
public final class FaqTuning {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "knowledge-base");
    KnowledgeBase base = KnowledgeBaseLoader.load(dir, KnowledgeBases.categories());
    FaqIndex index = FaqIndex.build(base, FaqThresholds.DEFAULTS);
    List<FaqEvaluation.Case> cases = FaqEvaluation.cases();
    Map<String, List<FaqHit>> ranked = new HashMap<>();
    for (FaqEvaluation.Case c : cases) {
      ranked.put(c.question(), index.rank(c.question(), 10));
    }
    System.out.println("choices answer margin | top1 acc  MRR  answered wrong-answers offered-for-nothing");
    for (double choices = 0.2; choices <= 0.61; choices += 0.05) {
      for (double answer = Math.max(choices, 0.4); answer <= 0.91; answer += 0.05) {
        for (double margin : new double[] {0, 0.05, 0.1, 0.15, 0.2}) {
          FaqThresholds t = new FaqThresholds(answer, choices, margin);
          FaqEvaluation.Figures f = FaqEvaluation.measure(cases, q -> {
            List<FaqHit> hits = ranked.get(q);
            return new FaqResult(t.decide(hits), hits);
          });
          System.out.printf("%.2f %.2f %.2f | %3d %.3f %.3f %3d %2d %2d%n", choices, answer, margin, f.top1(),
              f.accuracy(), f.mrr(), f.answered(), f.answeredWrong(), f.offeredForNothing());
        }
      }
    }
    FaqEvaluation.Figures f = FaqEvaluation.measure(cases, q -> index.search(q, 10));
    System.out.printf("defaults %s: top1 %d/%d = %.3f, MRR %.3f, answered %d (wrong %d), offered for nothing %d%n",
        FaqThresholds.DEFAULTS, f.top1(), f.cases(), f.accuracy(), f.mrr(), f.answered(), f.answeredWrong(),
        f.offeredForNothing());
    f.misses().forEach(m -> System.out.println("  miss: " + m));
  }
}
