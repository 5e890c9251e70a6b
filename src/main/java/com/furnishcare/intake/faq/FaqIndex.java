package com.furnishcare.intake.faq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An immutable, in-memory Lucene index over one version of the knowledge base. Lucene finds and
 * scores candidates (BM25 over the question, phrasings, tags, answer and bigram fields, with boosts);
 * {@link Coverage} gives each a confidence that compares across questions, and {@link FaqThresholds}
 * decides. Thread-safe; queries are CPU work, run them off the event loop.
 */
public final class FaqIndex {

  /** Field boosts: how homeowners ask matters more than how we answer. */
  public static final Map<String, Float> BOOSTS = Map.of(
      "question", 3f, "phrasings", 2.5f, "tags", 1.5f, "answer", 0.6f, FaqAnalyzers.GRAMS, 0.8f);

  /**
   * At most this many distinct words of a question reach Lucene, and at most this many are weighed by
   * {@link Coverage}. Every word becomes one clause in each of the four word fields, and Lucene refuses
   * a query of more than {@link IndexSearcher#getMaxClauseCount()} (1024) clauses with
   * {@code TooManyClauses}: a homeowner's question has a handful of words, a pasted 2,000-character
   * message well over a thousand. 48 words × 4 fields + {@link #MAX_QUERY_GRAMS} bigrams = 288 clauses
   * stays far below the limit whatever the text, and keeps the cost of one search and of its coverage
   * scoring bounded. The rarest words are kept: they say most about what the message is about.
   */
  static final int MAX_QUERY_WORDS = 48;

  /** At most this many distinct CJK bigrams reach Lucene's bigram field and coverage (see {@link #MAX_QUERY_WORDS}). */
  static final int MAX_QUERY_GRAMS = 96;

  /**
   * Questions whose answers this index keeps. Homeowners ask the same few dozen questions in the same
   * words over and over ("柜子门缝多大算正常"), and a search is most of the CPU of such a turn; a few
   * thousand answers (each a handful of references to entries already in memory) cost little. The cache
   * belongs to this index: an edit of the knowledge base builds a new index, so an answer of an old
   * version can never be served.
   */
  static final int CACHED_QUESTIONS = 4_096;

  private final KnowledgeBase base;
  private final FaqAnalyzers analyzers;
  private final IndexSearcher searcher;
  private final FaqThresholds thresholds;
  private final Coverage coverage;
  private final Map<String, FaqEntry> byId = new HashMap<>();
  /** Maintenance runs on the calling thread: no pool of Caffeine's own, nothing left running after the index. */
  private final Cache<Question, FaqResult> answers = Caffeine.newBuilder()
      .maximumSize(CACHED_QUESTIONS).executor(Runnable::run).build();

  /** A question as asked (the text exactly, so the cache needs no analysis) and how many hits were asked for. */
  private record Question(String text, int limit) {}

  private FaqIndex(KnowledgeBase base, FaqAnalyzers analyzers, IndexSearcher searcher, FaqThresholds thresholds) {
    this.base = base;
    this.analyzers = analyzers;
    this.searcher = searcher;
    this.thresholds = thresholds;
    this.coverage = new Coverage(base.entries(), analyzers);
    base.entries().forEach(e -> byId.put(e.id(), e));
  }

  public static FaqIndex build(KnowledgeBase base, FaqThresholds thresholds) throws KnowledgeBaseException {
    FaqAnalyzers analyzers = FaqAnalyzers.of(base.synonyms(), base.stopWords());
    ByteBuffersDirectory directory = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()))) {
      for (int ord = 0; ord < base.entries().size(); ord++) {
        writer.addDocument(document(base.entries().get(ord), ord));
      }
      writer.forceMerge(1);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index", e);
    }
    try {
      return new FaqIndex(base, analyzers, new IndexSearcher(DirectoryReader.open(directory)), thresholds);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index", e);
    }
  }

  private static Document document(FaqEntry entry, int ord) {
    Document doc = new Document();
    doc.add(new StoredField("ord", ord));
    doc.add(new TextField("question", entry.question(), Field.Store.NO));
    for (String phrasing : entry.phrasings()) {
      doc.add(new TextField("phrasings", phrasing, Field.Store.NO));
    }
    doc.add(new TextField("tags", String.join(" ", entry.tags()), Field.Store.NO));
    doc.add(new TextField("answer", entry.answer(), Field.Store.NO));
    doc.add(new TextField(FaqAnalyzers.GRAMS, title(entry), Field.Store.NO));
    return doc;
  }

  /** What the homeowner-side text of an entry is: question, phrasings and tags. */
  static String title(FaqEntry entry) {
    return entry.question() + "\n" + String.join("\n", entry.phrasings()) + "\n" + String.join(" ", entry.tags());
  }

  public int size() {
    return base.entries().size();
  }

  public List<FaqEntry> entries() {
    return base.entries();
  }

  public Optional<FaqEntry> entry(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The entry as a result of its own (picked from choices); none when it no longer exists. */
  public FaqResult lookup(String id) {
    return entry(id).map(e -> new FaqResult(FaqResult.Decision.ANSWER, List.of(hit(e, 0, 1))))
        .orElseGet(() -> FaqResult.none(List.of()));
  }

  /**
   * Up to {@code limit} hits, best first, and the decision. With choices, only hits good enough to be
   * offered are kept (a weak third candidate is noise to a homeowner); otherwise the near misses stay
   * visible to staff through the API.
   */
  public FaqResult search(String text, int limit) {
    return answers.get(new Question(text, limit), q -> searchUncached(q.text(), q.limit()));
  }

  /** The answer to a question asked before, when this index still has it: no analysis, no search. */
  public Optional<FaqResult> answered(String text, int limit) {
    return Optional.ofNullable(answers.getIfPresent(new Question(text, limit)));
  }

  private FaqResult searchUncached(String text, int limit) {
    List<FaqHit> hits = rank(text, Math.max(limit, 3));
    FaqResult.Decision decision = thresholds.decide(hits);
    if (decision == FaqResult.Decision.CHOICES) {
      hits = hits.stream().filter(h -> h.confidence() >= thresholds.choices()).toList();
    }
    return new FaqResult(decision, hits.subList(0, Math.min(limit, hits.size())));
  }

  /** Lucene's candidates with their confidence, best first. */
  public List<FaqHit> rank(String text, int limit) {
    List<String> allWords = new ArrayList<>(new LinkedHashSet<>(analyzers.words(text)));
    List<String> allGrams = new ArrayList<>(new LinkedHashSet<>(analyzers.grams(text)));
    // Only stop words ("好的", "请问怎么办"): no topic, so nothing can fit, whatever the bigrams match.
    if (allWords.isEmpty()) {
      return List.of();
    }
    // Coverage weighs words the knowledge base does not know too (they say the question is about
    // something else); Lucene only gets the words it has: the others cannot match or score.
    List<String> words = rarest(allWords, coverage::wordIdf, MAX_QUERY_WORDS);
    List<String> grams = rarest(allGrams, coverage::gramIdf, MAX_QUERY_GRAMS);
    Query query = query(rarest(allWords.stream().filter(coverage::knowsWord).toList(), coverage::wordIdf, MAX_QUERY_WORDS),
        rarest(allGrams.stream().filter(coverage::knowsGram).toList(), coverage::gramIdf, MAX_QUERY_GRAMS));
    if (query == null) {
      return List.of();
    }
    TopDocs top;
    try {
      top = searcher.search(query, Math.max(limit, 10));
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory index", e);
    }
    List<FaqHit> hits = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) {
      int ord;
      try {
        ord = searcher.storedFields().document(sd.doc).getField("ord").numericValue().intValue();
      } catch (IOException e) {
        throw new UncheckedIOException("in-memory index", e);
      }
      hits.add(hit(base.entries().get(ord), sd.score, coverage.of(words, grams, ord)));
    }
    // Rank by coverage plus BM25 relative to the best BM25 of this question: coverage alone lets one rare
    // word decide ("衣柜" in a care entry beats "报修" in the repair entry); BM25 alone cannot tell
    // "nothing fits" from "something fits". On the evaluation set the sum ranks best (see README).
    double best = hits.stream().mapToDouble(FaqHit::score).max().orElse(1);
    hits.sort(Comparator.comparingDouble((FaqHit h) -> h.confidence() + h.score() / best).reversed());
    return hits.subList(0, Math.min(limit, hits.size()));
  }

  /**
   * The {@code max} terms with the highest idf, in the order the question has them (on equal idf the
   * earlier term is kept); all of them when there are no more than {@code max}.
   */
  static List<String> rarest(List<String> distinct, ToDoubleFunction<String> idf, int max) {
    if (distinct.size() <= max) {
      return distinct;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> idf.applyAsDouble(distinct.get(i))).reversed());
    List<Integer> kept = new ArrayList<>(order.subList(0, max));
    kept.sort(Comparator.naturalOrder());
    return kept.stream().map(distinct::get).toList();
  }

  /** One clause per word in each word field and per bigram in the bigram field, with the field boosts. */
  private static Query query(List<String> words, List<String> grams) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    boolean any = false;
    for (Map.Entry<String, Float> field : BOOSTS.entrySet()) {
      List<String> terms = field.getKey().equals(FaqAnalyzers.GRAMS) ? grams : words;
      if (terms.isEmpty()) {
        continue;
      }
      BooleanQuery.Builder clauses = new BooleanQuery.Builder();
      for (String term : terms) {
        clauses.add(new TermQuery(new Term(field.getKey(), term)), BooleanClause.Occur.SHOULD);
      }
      all.add(new BoostQuery(clauses.build(), field.getValue()), BooleanClause.Occur.SHOULD);
      any = true;
    }
    return any ? all.build() : null;
  }

  private static FaqHit hit(FaqEntry e, double score, double confidence) {
    return new FaqHit(e.id(), e.question(), score, confidence, e.answer(), e.category());
  }
}
