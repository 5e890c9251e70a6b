package com.furnishcare.intake.alert;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Yesterday's numbers for headquarters' group.
 *
 * @param byLevel tickets filed that day per level (1–3)
 * @param firstResponseCounted tickets whose first-response deadline could be judged
 * @param firstResponseMet of those, the ones that met it
 * @param worstDealers at most five, lowest first-response attainment first
 */
public record Digest(LocalDate day, int total, Map<Integer, Integer> byLevel, int firstResponseCounted,
    int firstResponseMet, List<DealerSla> worstDealers) {

  public Digest {
    byLevel = Map.copyOf(byLevel);
    worstDealers = List.copyOf(worstDealers);
  }

  /** One dealer's first-response attainment over the day's tickets. */
  public record DealerSla(String dealer, String dealerName, int counted, int met) {
    public double attainment() {
      return counted == 0 ? 1.0 : (double) met / counted;
    }
  }

  /** Met ÷ counted; empty when nothing could be counted (no tickets), which is not 100 %. */
  public OptionalDouble attainment() {
    return firstResponseCounted == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((double) firstResponseMet / firstResponseCounted);
  }
}
