package com.furnishcare.intake.survey.chat;

import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.survey.SurveyConversation.Progress;
import com.furnishcare.intake.survey.model.Answer;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A survey's progress kept in the conversation's session beside the dialog state (the engine leaves keys
 * it does not know alone). Only the answers skip logic and closing words need are kept: scores, yes/no
 * and choices; free text goes to the survey store, not the session.
 */
final class SurveyProgressCodec {

  private static final String PREFIX = "survey.";
  private static final String JOB = PREFIX + "job";
  private static final String SURVEY = PREFIX + "id";
  private static final String QUESTION = PREFIX + "q";
  private static final String ASKED = PREFIX + "asked";
  private static final String ANSWERS = PREFIX + "answers";
  private static final String FOLLOWED_UP = PREFIX + "followedUp";

  private SurveyProgressCodec() {}

  static Optional<Progress> read(Session session, java.util.function.Function<String, Optional<Survey>> surveys) {
    Map<String, String> v = session.values();
    if (!v.containsKey(JOB)) {
      return Optional.empty();
    }
    Optional<Survey> survey = surveys.apply(v.get(SURVEY));
    if (survey.isEmpty()) {
      return Optional.empty(); // a survey removed from the files meanwhile: the conversation goes on without it
    }
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (String item : v.getOrDefault(ANSWERS, "").split(";")) {
      int eq = item.indexOf('=');
      if (eq <= 0 || item.length() < eq + 3) {
        continue;
      }
      String id = item.substring(0, eq);
      char kind = item.charAt(eq + 1);
      int number = Integer.parseInt(item.substring(eq + 2));
      survey.get().question(id).ifPresent(q -> answers.put(id, answer(q, kind, number)));
    }
    return Optional.of(new Progress(v.get(JOB), v.get(SURVEY), v.get(QUESTION), Integer.parseInt(v.getOrDefault(ASKED, "1")),
        answers, Boolean.parseBoolean(v.get(FOLLOWED_UP))));
  }

  static Session write(Session session, Optional<Progress> progress, Instant now) {
    Map<String, String> values = new HashMap<>(session.values());
    values.keySet().removeIf(k -> k.startsWith(PREFIX));
    progress.ifPresent(p -> {
      values.put(JOB, p.jobId());
      values.put(SURVEY, p.surveyId());
      values.put(QUESTION, p.questionId());
      values.put(ASKED, Integer.toString(p.asked()));
      values.put(FOLLOWED_UP, Boolean.toString(p.followedUp()));
      StringBuilder encoded = new StringBuilder();
      p.answers().forEach((id, answer) -> encode(answer).ifPresent(e -> encoded.append(id).append('=').append(e).append(';')));
      values.put(ANSWERS, encoded.toString());
    });
    return new Session(values, now);
  }

  private static Optional<String> encode(Answer answer) {
    if (answer instanceof Answer.Score s) {
      return Optional.of("S" + s.value());
    }
    if (answer instanceof Answer.YesNo y) {
      return Optional.of("Y" + (y.yes() ? 1 : 0));
    }
    if (answer instanceof Answer.Choice c) {
      return Optional.of("C" + c.number());
    }
    return Optional.empty();
  }

  private static Answer answer(Question q, char kind, int number) {
    return switch (kind) {
      case 'S' -> new Answer.Score(number);
      case 'Y' -> new Answer.YesNo(number == 1);
      default -> new Answer.Choice(number, number >= 1 && number <= q.options().size() ? q.options().get(number - 1) : "");
    };
  }
}
