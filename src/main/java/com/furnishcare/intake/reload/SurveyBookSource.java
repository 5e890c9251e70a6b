package com.furnishcare.intake.reload;

import com.furnishcare.intake.survey.load.SurveyBookLoader;
import com.furnishcare.intake.survey.model.SurveyBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;

/** The current surveys and answer words, reloaded when a file under {@code dialogs/surveys/} changes. */
public final class SurveyBookSource {

  private SurveyBookSource() {}

  public static Future<ReloadingSource<SurveyBook>> start(Vertx vertx, Path surveysDir, long intervalMs) {
    return ReloadingSource.start(vertx, "surveys", List.of(surveysDir), () -> SurveyBookLoader.load(surveysDir),
        book -> book.surveys().size() + " surveys from " + surveysDir, intervalMs);
  }
}
