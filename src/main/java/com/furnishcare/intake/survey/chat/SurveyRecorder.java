package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.SurveyAnswer;
import com.furnishcare.intake.core.SurveyJob;
import java.time.Instant;
import java.util.Optional;

/**
 * What a survey answered in the chat writes down. Called from the turn's worker thread, where waiting for
 * the store is allowed (never from an event loop).
 */
public interface SurveyRecorder {

  Optional<SurveyJob> job(String jobId);

  void answered(String jobId, String channel, SurveyAnswer answer);

  void completed(String jobId, Instant at);

  /** {@code contact} as the survey store names it: {@code wechat:<openid>} or {@code phone:<number>}. */
  void optedOut(String contact, Instant at);
}
