package com.furnishcare.intake.faq;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analysis chains of the FAQ index, built from the knowledge base's synonym and stop-word files.
 *
 * <ul>
 *   <li>words: fold (traditional → simplified) → smartcn HMM word segmentation → lower case → synonyms
 *       → stop words. Synonyms are mapped to the first word of their group on both sides (index and
 *       query), so 散热器 and 暖气片 become the same term and "how much of the question does this
 *       entry cover" can be counted term by term.
 *   <li>grams: fold → CJK bigrams. Catches what word segmentation splits differently, and typos
 *       that leave neighbouring characters intact (逢隙多大 still shares 多大 with 缝隙多大).
 * </ul>
 */
final class FaqAnalyzers {

  static final String GRAMS = "grams";

  private final Analyzer words;
  private final Analyzer grams;
  private final Analyzer perField;

  private FaqAnalyzers(Analyzer words, Analyzer grams) {
    this.words = words;
    this.grams = grams;
    this.perField = new PerFieldAnalyzerWrapper(words, Map.of(GRAMS, grams));
  }

  static FaqAnalyzers of(String synonymRules, Set<String> stopWords) throws KnowledgeBaseException {
    CharArraySet stops = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
    stops.addAll(stopWords);
    SynonymMap synonyms = synonyms(synonymRules);
    Analyzer words = new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new HMMChineseTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        if (synonyms != null) {
          stream = new FlattenGraphFilter(new SynonymGraphFilter(stream, synonyms, true));
        }
        return new TokenStreamComponents(source, new StopFilter(stream, stops));
      }

      @Override
      protected Reader initReader(String field, Reader reader) {
        return FoldingReader.fold(reader);
      }
    };
    return new FaqAnalyzers(words, bigrams());
  }

  /** Plain word segmentation without synonyms or stop words: how synonym rules themselves are read. */
  private static Analyzer segmenter() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new HMMChineseTokenizer();
        return new TokenStreamComponents(source, new LowerCaseFilter(source));
      }

      @Override
      protected Reader initReader(String field, Reader reader) {
        return FoldingReader.fold(reader);
      }
    };
  }

  static Analyzer bigrams() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new CJKBigramFilter(new LowerCaseFilter(source)));
      }

      @Override
      protected Reader initReader(String field, Reader reader) {
        return FoldingReader.fold(reader);
      }
    };
  }

  private static SynonymMap synonyms(String rules) throws KnowledgeBaseException {
    if (rules.isBlank()) {
      return null;
    }
    // expand=false: every word of a group is rewritten to the group's first word.
    SolrSynonymParser parser = new SolrSynonymParser(true, false, segmenter());
    try {
      parser.parse(new StringReader(rules));
      return parser.build();
    } catch (ParseException e) {
      // Lucene says "Invalid synonym rule at line N" and puts the reason in the cause.
      Matcher line = Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
      String reason = e.getCause() == null ? String.valueOf(e.getMessage()) : e.getCause().getMessage();
      throw new KnowledgeBaseException(KnowledgeBaseLoader.SYNONYMS_FILE + ":" + (line.find() ? line.group(1) : "1")
          + ": invalid synonym rule: " + reason);
    } catch (IOException | IllegalArgumentException e) {
      throw new KnowledgeBaseException(KnowledgeBaseLoader.SYNONYMS_FILE + ":1: " + e.getMessage());
    }
  }

  /** The analyzer to index and query with: words for every field, bigrams for {@link #GRAMS}. */
  Analyzer perField() {
    return perField;
  }

  List<String> words(String text) {
    return terms(words, text);
  }

  List<String> grams(String text) {
    return terms(grams, text);
  }

  private static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new IllegalStateException("analysing a string cannot fail", e);
    }
    return terms;
  }
}
