package com.furnishcare.intake.bench;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import com.furnishcare.intake.faq.FaqEntry;
import com.furnishcare.intake.faq.FaqEvaluation;
import com.furnishcare.intake.faq.FaqIndex;
import com.furnishcare.intake.faq.FaqThresholds;
import com.furnishcare.intake.faq.KnowledgeBase;
import com.furnishcare.intake.faq.KnowledgeBaseLoader;
import com.furnishcare.intake.faq.KnowledgeBases;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * FAQ search figures: accuracy on the evaluation set next to a plain StandardAnalyzer index (same
 * fields and boosts, no folding, synonyms, stop words or confidence), query latency and index build
 * time at the shipped size and at 10,000 synthetic entries, for both. Run by bench/faq.sh.
 */
public final class FaqBench {

  private static final int ROUNDS = 30;

  public static void main(String[] args) throws Exception {
    int large = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    KnowledgeBase shipped = KnowledgeBaseLoader.load(KnowledgeBases.SHIPPED, KnowledgeBases.categories());
    List<FaqEvaluation.Case> cases = FaqEvaluation.cases();
    List<String> questions = cases.stream().map(FaqEvaluation.Case::question).toList();

    FaqIndex ours = FaqIndex.build(shipped, FaqThresholds.DEFAULTS);
    StandardBaseline baseline = new StandardBaseline(shipped.entries());
    System.out.printf("evaluation set: %d questions, %d expect no match%n", cases.size(),
        cases.stream().filter(c -> c.expected().equals(FaqEvaluation.NOTHING)).count());
    report("ours (smartcn + folding + synonyms + confidence)", FaqEvaluation.measure(cases, q -> ours.search(q, 10)));
    report("StandardAnalyzer, always answers its top hit",
        FaqEvaluation.measure(cases, q -> baseline.search(q, 10, 0)));
    double best = bestBaselineThreshold(cases, baseline);
    report(String.format("StandardAnalyzer, best BM25 cut-off for 'none' (%.1f, chosen on this set)", best),
        FaqEvaluation.measure(cases, q -> baseline.search(q, 10, best)));

    System.out.printf("%nlatency (one thread, %d rounds of the %d questions after warm-up) and build time%n", ROUNDS,
        questions.size());
    System.out.println("entries  index                 build ms   p50 µs   p99 µs");
    measure(shipped, questions);
    measure(synthetic(shipped, large, new Random(7)), questions);
  }

  private static void report(String name, FaqEvaluation.Figures f) {
    System.out.printf("%-75s top-1 %d/%d = %5.1f%%  MRR %.3f  wrong direct answers %d%n", name, f.top1(), f.cases(),
        100 * f.accuracy(), f.mrr(), f.answeredWrong());
  }

  private static double bestBaselineThreshold(List<FaqEvaluation.Case> cases, StandardBaseline baseline) {
    double best = 0;
    int bestTop1 = -1;
    for (double cut = 0; cut <= 30; cut += 0.5) {
      double c = cut;
      int top1 = FaqEvaluation.measure(cases, q -> baseline.search(q, 10, c)).top1();
      if (top1 > bestTop1) {
        bestTop1 = top1;
        best = cut;
      }
    }
    return best;
  }

  private static void measure(KnowledgeBase base, List<String> questions) throws Exception {
    long t0 = System.nanoTime();
    FaqIndex ours = FaqIndex.build(base, FaqThresholds.DEFAULTS);
    long oursBuild = System.nanoTime() - t0;
    t0 = System.nanoTime();
    StandardBaseline baseline = new StandardBaseline(base.entries());
    long baselineBuild = System.nanoTime() - t0;
    long[] oursLatency = latency(q -> ours.search(q, 10), questions);
    long[] baselineLatency = latency(q -> baseline.search(q, 10, 0), questions);
    print(base.entries().size(), "ours", oursBuild, oursLatency);
    print(base.entries().size(), "StandardAnalyzer", baselineBuild, baselineLatency);
    System.out.printf("%7d  ours / StandardAnalyzer: build %.1fx, p50 %.1fx, p99 %.1fx%n", base.entries().size(),
        (double) oursBuild / baselineBuild, (double) p(oursLatency, 50) / p(baselineLatency, 50),
        (double) p(oursLatency, 99) / p(baselineLatency, 99));
  }

  private static void print(int size, String name, long buildNanos, long[] latency) {
    System.out.printf("%7d  %-20s %9.0f %8.0f %8.0f%n", size, name, buildNanos / 1e6, p(latency, 50) / 1e3,
        p(latency, 99) / 1e3);
  }

  private static long[] latency(Function<String, FaqResult> search, List<String> questions) {
    for (int i = 0; i < 5; i++) {
      questions.forEach(search::apply); // warm-up
    }
    long[] nanos = new long[ROUNDS * questions.size()];
    int n = 0;
    for (int r = 0; r < ROUNDS; r++) {
      for (String q : questions) {
        long t0 = System.nanoTime();
        search.apply(q);
        nanos[n++] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(nanos);
    return nanos;
  }

  private static long p(long[] sorted, int percentile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
  }

  /** Entries recombined from the shipped ones: realistic words and lengths, many near-duplicates. */
  static KnowledgeBase synthetic(KnowledgeBase shipped, int size, Random random) {
    List<FaqEntry> real = shipped.entries();
    List<FaqEntry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      FaqEntry a = real.get(random.nextInt(real.size()));
      FaqEntry b = real.get(random.nextInt(real.size()));
      String question = a.phrasings().get(random.nextInt(a.phrasings().size())) + "（" + b.tags().get(0) + "）";
      List<String> phrasings = List.of(b.question(), real.get(random.nextInt(real.size())).phrasings().get(0));
      List<String> tags = List.of(a.tags().get(0), b.tags().get(b.tags().size() - 1));
      entries.add(new FaqEntry("synthetic-" + i, question, phrasings, tags, "", a.answer() + "\n" + b.answer(),
          "synthetic-" + i + ".md"));
    }
    return new KnowledgeBase(entries, shipped.synonyms(), shipped.stopWords());
  }

  /** Lucene out of the box: StandardAnalyzer (CJK as single characters), BM25, the same fields and boosts. */
  static final class StandardBaseline {
    private final List<FaqEntry> entries;
    private final IndexSearcher searcher;
    private final StandardAnalyzer analyzer = new StandardAnalyzer();

    StandardBaseline(List<FaqEntry> entries) throws IOException {
      this.entries = entries;
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
        for (int i = 0; i < entries.size(); i++) {
          FaqEntry e = entries.get(i);
          Document doc = new Document();
          doc.add(new StoredField("ord", i));
          doc.add(new TextField("question", e.question(), Field.Store.NO));
          doc.add(new TextField("phrasings", String.join("\n", e.phrasings()), Field.Store.NO));
          doc.add(new TextField("tags", String.join(" ", e.tags()), Field.Store.NO));
          doc.add(new TextField("answer", e.answer(), Field.Store.NO));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
      }
      searcher = new IndexSearcher(DirectoryReader.open(dir));
    }

    /** Top hits; "none" when the best BM25 score is below {@code cutOff}, otherwise the top hit is the answer. */
    FaqResult search(String text, int limit, double cutOff) {
      BooleanQuery.Builder all = new BooleanQuery.Builder();
      QueryBuilder builder = new QueryBuilder(analyzer);
      boolean any = false;
      for (Map.Entry<String, Float> field : FaqIndex.BOOSTS.entrySet()) {
        Query q = builder.createBooleanQuery(field.getKey(), text);
        if (q != null && !field.getKey().equals("grams")) {
          all.add(new BoostQuery(q, field.getValue()), BooleanClause.Occur.SHOULD);
          any = true;
        }
      }
      if (!any) {
        return FaqResult.none(List.of());
      }
      try {
        List<FaqHit> hits = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(all.build(), limit).scoreDocs) {
          FaqEntry e = entries.get(searcher.storedFields().document(sd.doc).getField("ord").numericValue().intValue());
          hits.add(new FaqHit(e.id(), e.question(), sd.score, 0, e.answer(), e.category()));
        }
        if (hits.isEmpty() || hits.get(0).score() < cutOff) {
          return FaqResult.none(hits);
        }
        return new FaqResult(FaqResult.Decision.ANSWER, hits);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
