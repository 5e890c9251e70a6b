package com.furnishcare.intake.survey.dispatch;

import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import io.vertx.core.Future;

/**
 * Puts one survey in front of the homeowner on some channel. Resolves with the outcome ({@code sent},
 * {@code refused} with the provider's code, or {@code no_channel} when this way cannot reach the job's
 * contacts); fails only when the provider could not be asked (network, timeout), and the job is then
 * tried again later.
 */
public interface SurveyDelivery {

  /** @param code the job's survey page code ({@code /s/{code}}), 6 characters */
  Future<SurveyOutcome> deliver(SurveyJob job, String code);
}
