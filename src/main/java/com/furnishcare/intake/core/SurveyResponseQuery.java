package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Which responses to list: each given criterion must hold; {@code from} inclusive, {@code to} exclusive, on the
 * start; {@code dealer} is the job's dealer.
 */
public record SurveyResponseQuery(Optional<String> orderNo, Optional<String> survey, Optional<Instant> from,
    Optional<Instant> to, Optional<String> dealer) {

  public SurveyResponseQuery(Optional<String> orderNo, Optional<String> survey, Optional<Instant> from,
      Optional<Instant> to) {
    this(orderNo, survey, from, to, Optional.empty());
  }

  public static SurveyResponseQuery all() {
    return new SurveyResponseQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public boolean matches(SurveyResponse r) {
    return orderNo.map(o -> o.equals(r.job().orderNo())).orElse(true)
        && survey.map(s -> s.equals(r.job().survey())).orElse(true)
        && dealer.map(d -> r.job().dealer().filter(d::equals).isPresent()).orElse(true)
        && from.map(f -> !r.startedAt().isBefore(f)).orElse(true)
        && to.map(t -> r.startedAt().isBefore(t)).orElse(true);
  }
}
