package com.furnishcare.intake.faq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of a question an entry covers, 0..1, comparable across questions (BM25 scores are not):
 * the share of the question's words, weighted by how rare they are in the knowledge base, found in the
 * entry's question, phrasings or tags (answer words count 0.3), or the same
 * share over CJK bigrams of the title, whichever is higher. A question about something the knowledge
 * base never mentions ("你们卖沙发吗") keeps its rare words unmatched and stays low.
 */
final class Coverage {

  /** An answer word counts a little: answers mention many things they are not about. */
  static final double ANSWER_WORD_WEIGHT = 0.3;

  private final int entries;
  private final List<Set<String>> titleWords = new ArrayList<>();
  private final List<Set<String>> answerWords = new ArrayList<>();
  private final List<Set<String>> titleGrams = new ArrayList<>();
  private final Map<String, Integer> wordDocs = new HashMap<>();
  private final Map<String, Integer> gramDocs = new HashMap<>();

  /** Counts the terms of every entry, in the order of {@code entries} (the ordinal is the entry's index). */
  Coverage(List<FaqEntry> entries, FaqAnalyzers analyzers) {
    this.entries = entries.size();
    for (FaqEntry entry : entries) {
      Set<String> title = new HashSet<>(analyzers.words(FaqIndex.title(entry)));
      Set<String> answer = new HashSet<>(analyzers.words(entry.answer()));
      Set<String> grams = new HashSet<>(analyzers.grams(FaqIndex.title(entry)));
      titleWords.add(title);
      answerWords.add(answer);
      titleGrams.add(grams);
      Set<String> all = new HashSet<>(title);
      all.addAll(answer);
      all.forEach(w -> wordDocs.merge(w, 1, Integer::sum));
      grams.forEach(g -> gramDocs.merge(g, 1, Integer::sum));
    }
  }

  /** @param words the question's distinct analysed words; {@code grams} its distinct bigrams */
  double of(List<String> words, List<String> grams, int ordinal) {
    return Math.max(share(words, wordDocs, titleWords.get(ordinal), answerWords.get(ordinal), ANSWER_WORD_WEIGHT),
        share(grams, gramDocs, titleGrams.get(ordinal), Set.of(), 0));
  }

  private double share(List<String> terms, Map<String, Integer> docCounts, Set<String> title, Set<String> body,
      double bodyWeight) {
    double total = 0;
    double matched = 0;
    for (String term : terms) {
      double idf = idf(docCounts.getOrDefault(term, 0));
      total += idf;
      if (title.contains(term)) {
        matched += idf;
      } else if (body.contains(term)) {
        matched += idf * bodyWeight;
      }
    }
    return total == 0 ? 0 : matched / total;
  }

  /** How informative a word of a question is: rarer in the knowledge base is more (unknown counts as rarest). */
  double wordIdf(String word) {
    return idf(wordDocs.getOrDefault(word, 0));
  }

  double gramIdf(String gram) {
    return idf(gramDocs.getOrDefault(gram, 0));
  }

  /** Whether any entry contains the word: only such words can match anything in the index. */
  boolean knowsWord(String word) {
    return wordDocs.containsKey(word);
  }

  boolean knowsGram(String gram) {
    return gramDocs.containsKey(gram);
  }

  /**
   * BM25's idf. A word no entry contains weighs like a word only one entry contains: it still says the
   * question is about something else, without letting one stray word outweigh the rest.
   */
  private double idf(int docs) {
    int d = Math.max(docs, 1);
    return Math.log(1 + (entries - d + 0.5) / (d + 0.5));
  }
}
