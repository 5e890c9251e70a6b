package com.furnishcare.intake.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a homeowner answered to one survey job (one response per job, whichever code or chat it came
 * through): partial until completed.
 *
 * @param answers one per question, in the order first answered; a question answered again keeps its place
 * @param channel where the answers came from ({@code page}, {@code wechat}, {@code sms}, {@code webchat})
 * @param startedAt when the first answer arrived
 */
public record SurveyResponse(SurveyJob job, List<SurveyAnswer> answers, String channel, Instant startedAt,
    Optional<Instant> completedAt) {

  public SurveyResponse {
    answers = List.copyOf(answers);
  }
}
