package com.furnishcare.intake.faq;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The evaluation set {@code faq-eval.tsv} and the figures computed on it. A question counts as right
 * at top 1 when the expected entry is offered first (answered or first of the choices), or, for a
 * question that should match nothing, when nothing is offered.
 */
public final class FaqEvaluation {

  public static final String NOTHING = "-";

  public record Case(String question, String expected) {
    boolean expectsNothing() {
      return expected.equals(NOTHING);
    }
  }

  /** Figures over the whole set. {@code answeredWrong}: a direct answer with the wrong entry — the costly mistake. */
  public record Figures(int cases, int top1, double mrr, int answered, int answeredWrong, int offeredForNothing,
      List<String> misses) {
    public double accuracy() {
      return (double) top1 / cases;
    }
  }

  private FaqEvaluation() {}

  public static List<Case> cases() throws IOException {
    try (InputStream in = FaqEvaluation.class.getResourceAsStream("/faq-eval.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Case> cases = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 2) {
          throw new IllegalStateException("faq-eval.tsv: not 'question<TAB>id': " + line);
        }
        cases.add(new Case(cols[0].strip(), cols[1].strip()));
      }
      return cases;
    }
  }

  /**
   * Decides each case with {@code search}. Top-1 counts every case (a no-match question is right when
   * nothing is offered); MRR is the ranking's quality on the questions that have an answer (first 10 hits,
   * whatever the decision).
   */
  public static Figures measure(List<Case> cases, Function<String, FaqResult> search) {
    int top1 = 0;
    double rr = 0;
    int answered = 0;
    int answeredWrong = 0;
    int offeredForNothing = 0;
    int answerable = 0;
    List<String> misses = new ArrayList<>();
    for (Case c : cases) {
      FaqResult result = search.apply(c.question());
      boolean offered = result.decision() != FaqResult.Decision.NONE;
      String first = offered ? result.top().id() : NOTHING;
      if (result.decision() == FaqResult.Decision.ANSWER) {
        answered++;
        if (!first.equals(c.expected())) {
          answeredWrong++;
        }
      }
      if (c.expectsNothing()) {
        if (offered) {
          offeredForNothing++;
        }
      } else {
        answerable++;
        List<FaqHit> hits = result.hits();
        for (int i = 0; i < Math.min(10, hits.size()); i++) {
          if (hits.get(i).id().equals(c.expected())) {
            rr += 1.0 / (i + 1);
            break;
          }
        }
      }
      if (first.equals(c.expected())) {
        top1++;
      } else {
        misses.add(String.format("%s → %s %s (want %s)", c.question(), result.decision().wireName(), first,
            c.expected()));
      }
    }
    return new Figures(cases.size(), top1, rr / Math.max(1, answerable), answered, answeredWrong, offeredForNothing, misses);
  }
}
