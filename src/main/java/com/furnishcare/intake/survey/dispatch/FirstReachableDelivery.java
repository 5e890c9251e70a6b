package com.furnishcare.intake.survey.dispatch;

import com.furnishcare.intake.core.SurveyJob;
import com.furnishcare.intake.core.SurveyOutcome;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Tries the ways in order until one sends: a way that cannot reach the job ({@code no_channel}) or is
 * refused passes it on to the next. The outcome is the sending way's, else the first refusal, else
 * {@code no_channel}. A way that could not ask its provider stops the attempt (the job is retried), so a
 * retried job never goes out twice on a later way.
 *
 * <p>The order is the seam for the ways still to come: the WeChat conversation inside the 48-hour window
 * and the web-chat widget go in front of the template message and the SMS.
 */
public final class FirstReachableDelivery implements SurveyDelivery {

  private final List<SurveyDelivery> ways;

  public FirstReachableDelivery(List<SurveyDelivery> ways) {
    this.ways = List.copyOf(ways);
  }

  @Override
  public Future<SurveyOutcome> deliver(SurveyJob job, String code) {
    return next(job, code, 0, Optional.empty());
  }

  private Future<SurveyOutcome> next(SurveyJob job, String code, int index, Optional<SurveyOutcome> refused) {
    if (index >= ways.size()) {
      return Future.succeededFuture(refused.orElse(SurveyOutcome.of(SurveyOutcome.Kind.NO_CHANNEL)));
    }
    return ways.get(index).deliver(job, code).compose(outcome -> {
      if (outcome.sent()) {
        return Future.succeededFuture(outcome);
      }
      Optional<SurveyOutcome> firstRefusal = refused.isPresent() || outcome.kind() != SurveyOutcome.Kind.REFUSED
          ? refused : Optional.of(outcome);
      return next(job, code, index + 1, firstRefusal);
    });
  }
}
