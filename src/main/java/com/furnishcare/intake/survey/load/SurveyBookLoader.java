package com.furnishcare.intake.survey.load;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.load.YamlNode;
import com.furnishcare.intake.survey.model.AnswerWords;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import com.furnishcare.intake.survey.model.SurveyMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads {@code dialogs/surveys/}: {@code answer-words.yaml} and one file per survey, and checks them as a
 * whole: every survey the service system dispatches must exist. Errors read {@code file:line: reason}.
 */
public final class SurveyBookLoader {

  static final String WORDS_FILE = "answer-words.yaml";
  static final String MESSAGES_FILE = "messages.yaml";

  private SurveyBookLoader() {}

  public static SurveyBook load(Path surveysDir) throws DialogDataException, IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(surveysDir)) {
      for (Path p : list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return parse(files);
  }

  /** Builds the book from file contents (name → text); the pure core of {@link #load}. */
  public static SurveyBook parse(Map<String, String> files) throws DialogDataException {
    String wordsText = files.get(WORDS_FILE);
    if (wordsText == null) {
      throw new DialogDataException(WORDS_FILE + ":1: missing from the surveys directory");
    }
    AnswerWords words = AnswerWordsParser.parse(WORDS_FILE, wordsText);
    SurveyMessages messages = messages(files.get(MESSAGES_FILE));
    Map<String, Survey> surveys = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
      if (!file.getKey().equals(WORDS_FILE) && !file.getKey().equals(MESSAGES_FILE)) {
        Survey survey = SurveyParser.parse(file.getKey(), file.getValue());
        surveys.put(survey.id(), survey); // the parser ties each id to its own file name, so none repeats
      }
    }
    for (String id : SurveyBook.REQUIRED_IDS) {
      if (!surveys.containsKey(id)) {
        throw new DialogDataException(id + ".yaml:1: missing from the surveys directory; the service system sends"
            + " every one of " + SurveyBook.REQUIRED_IDS);
      }
    }
    return new SurveyBook(surveys, words, messages);
  }

  /** {@code messages.yaml}: every key of {@link SurveyMessages#KEYS}, each a text, nothing else. */
  private static SurveyMessages messages(String text) throws DialogDataException {
    if (text == null) {
      throw new DialogDataException(MESSAGES_FILE + ":1: missing from the surveys directory");
    }
    YamlNode root = YamlNode.parse(MESSAGES_FILE, text);
    Map<String, YamlNode> map = root.mapping();
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> entry : map.entrySet()) {
      if (!SurveyMessages.KEYS.contains(entry.getKey())) {
        throw entry.getValue().error("unknown key '" + entry.getKey() + "'; known: " + SurveyMessages.KEYS);
      }
      texts.put(entry.getKey(), entry.getValue().text());
    }
    for (String key : SurveyMessages.KEYS) {
      YamlNode.required(root, map, key);
    }
    return SurveyMessages.of(texts);
  }
}
