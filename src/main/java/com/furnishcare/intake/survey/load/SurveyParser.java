package com.furnishcare.intake.survey.load;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.load.YamlNode;
import com.furnishcare.intake.survey.model.AskIf;
import com.furnishcare.intake.survey.model.Question;
import com.furnishcare.intake.survey.model.Survey;
import com.furnishcare.intake.survey.model.SurveyBook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one survey file and checks it on its own: known keys and types, every text present, question ids
 * unique, options on choice questions, how to reply in the chat on every question that is not free text
 * (a choice question's names each option: the chat shows no buttons), and skip logic that names an earlier question with a test that
 * fits its type ("atMost" for a score, "equals" for a choice or yes/no).
 */
final class SurveyParser {

  private static final Set<String> SURVEY_KEYS = Set.of("id", "node", "title", "intro", "thanks", "thanksPromoter",
      "lowScoreReply", "questions");
  private static final Set<String> QUESTION_KEYS = Set.of("id", "type", "text", "options", "askIf", "followUpIf",
      "followUpCategory", "explain", "howToReply");
  private static final Set<String> ASK_IF_KEYS = Set.of("question", "atMost", "atLeast", "equals");

  private SurveyParser() {}

  static Survey parse(String file, String text) throws DialogDataException {
    YamlNode root = YamlNode.parse(file, text);
    Map<String, YamlNode> m = root.mapping();
    knownKeys(m, SURVEY_KEYS, "survey");
    YamlNode idNode = YamlNode.required(root, m, "id");
    String id = idNode.text();
    if (!SurveyBook.REQUIRED_IDS.contains(id)) {
      // The service system dispatches surveys by these ids; any other survey could never be sent.
      throw idNode.error("survey id '" + id + "' is not one of " + SurveyBook.REQUIRED_IDS);
    }
    if (!file.equals(id + ".yaml") && !file.equals(id + ".yml")) {
      throw idNode.error("survey '" + id + "' must be in the file " + id + ".yaml, so each survey has one file");
    }
    YamlNode nodeNode = YamlNode.required(root, m, "node");
    Survey.Node node = node(nodeNode);
    YamlNode questionsNode = YamlNode.required(root, m, "questions");
    Map<String, Question> questions = new LinkedHashMap<>();
    for (YamlNode item : questionsNode.list()) {
      Question question = question(item, questions);
      if (questions.put(question.id(), question) != null) {
        throw item.error("question id '" + question.id() + "' is used twice");
      }
    }
    if (questions.isEmpty()) {
      throw questionsNode.error("a survey needs at least one question");
    }
    return new Survey(id, node, words(root, m, "title"), words(root, m, "intro"), words(root, m, "thanks"),
        words(root, m, "thanksPromoter"), words(root, m, "lowScoreReply"), List.copyOf(questions.values()), file);
  }

  private static Survey.Node node(YamlNode node) throws DialogDataException {
    for (Survey.Node value : Survey.Node.values()) {
      if (value.wire().equals(node.text())) {
        return value;
      }
    }
    throw node.error("unknown node '" + node.text() + "'; known: "
        + java.util.Arrays.stream(Survey.Node.values()).map(Survey.Node::wire).toList());
  }

  /** @param earlier the questions before this one, by id */
  private static Question question(YamlNode node, Map<String, Question> earlier) throws DialogDataException {
    Map<String, YamlNode> m = node.mapping();
    knownKeys(m, QUESTION_KEYS, "question");
    String id = YamlNode.required(node, m, "id").text();
    YamlNode typeNode = YamlNode.required(node, m, "type");
    String typeName = typeNode.text();
    Optional<Question.Type> known = Question.Type.fromWire(typeName);
    if (known.isEmpty()) {
      throw typeNode.error("unknown question type '" + typeName + "'; known: "
          + java.util.Arrays.stream(Question.Type.values()).map(Question.Type::wire).toList());
    }
    Question.Type type = known.get();
    List<String> options = options(node, m, type);
    String explain = YamlNode.optionalText(m, "explain").orElse("");
    if (type != Question.Type.TEXT && explain.isBlank()) {
      // An unclear answer is asked once more with this explanation; without it the homeowner hears the same words.
      throw node.error("question '" + id + "' needs an 'explain' text, said when an answer is not understood");
    }
    String howToReply = YamlNode.optionalText(m, "howToReply").orElse("");
    if (type != Question.Type.TEXT && howToReply.isBlank()) {
      // The page shows buttons; the chat has only words to say what an answer looks like.
      throw node.error("question '" + id + "' needs a 'howToReply' text, said after it in the chat");
    }
    for (String option : options) {
      if (!howToReply.contains(option)) {
        throw m.get("howToReply").error("question '" + id + "': 'howToReply' must name every option, the chat shows"
            + " no buttons; '" + option + "' is missing");
      }
    }
    Optional<AskIf> askIf = m.containsKey("askIf") ? Optional.of(askIf(m.get("askIf"), earlier)) : Optional.empty();
    return new Question(id, type, words(node, m, "text"), options, askIf,
        YamlNode.optionalText(m, "followUpCategory").orElse(""), explain, howToReply,
        followUpIf(m, id, type, options));
  }

  /**
   * {@code followUpIf: no} (or a list): the yes/no or choice answers that call for a person. Scores have the
   * configured thresholds instead, and any words can be lukewarm, so only these two types take it.
   */
  private static List<String> followUpIf(Map<String, YamlNode> m, String id, Question.Type type, List<String> options)
      throws DialogDataException {
    YamlNode node = m.get("followUpIf");
    if (node == null) {
      return List.of();
    }
    List<String> answers = node.isSequence() ? node.texts() : List.of(node.text());
    if (type == Question.Type.YES_NO) {
      List<String> labels = answers.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
      for (String label : labels) {
        if (!label.equals(AskIf.YES) && !label.equals(AskIf.NO)) {
          throw node.error("question '" + id + "': a yes-no question follows up on 'yes' or 'no', not '" + label + "'");
        }
      }
      return labels;
    }
    if (type == Question.Type.CHOICE) {
      for (String answer : answers) {
        if (!options.contains(answer)) {
          throw node.error("question '" + id + "' has no option '" + answer + "'; options: " + options);
        }
      }
      return answers;
    }
    throw node.error("question '" + id + "' is a " + type.wire() + " question: only yes-no and choice questions take"
        + " followUpIf (scores follow up below SURVEY_LOW_SCORE / SURVEY_LOW_NPS)");
  }

  private static List<String> options(YamlNode node, Map<String, YamlNode> m, Question.Type type)
      throws DialogDataException {
    if (type != Question.Type.CHOICE) {
      if (m.containsKey("options")) {
        throw m.get("options").error("only choice questions have options; this one is " + type.wire());
      }
      return List.of();
    }
    YamlNode optionsNode = YamlNode.required(node, m, "options");
    List<String> options = optionsNode.texts();
    if (options.size() < 2) {
      throw optionsNode.error("a choice question needs at least two options");
    }
    if (options.stream().anyMatch(String::isBlank) || Set.copyOf(options).size() != options.size()) {
      throw optionsNode.error("options must be distinct, non-empty labels");
    }
    return options;
  }

  private static AskIf askIf(YamlNode node, Map<String, Question> earlier) throws DialogDataException {
    Map<String, YamlNode> m = node.mapping();
    knownKeys(m, ASK_IF_KEYS, "askIf");
    String target = YamlNode.required(node, m, "question").text();
    Question asked = earlier.get(target);
    if (asked == null) {
      // Only an earlier answer can decide: a later or unknown question has none yet.
      throw node.error("askIf names '" + target + "', which is not an earlier question of this survey; earlier: "
          + earlier.keySet());
    }
    List<String> tests = m.keySet().stream().filter(k -> !k.equals("question")).toList();
    if (tests.size() != 1) {
      throw node.error("askIf needs exactly one of atMost, atLeast or equals");
    }
    String test = tests.get(0);
    YamlNode value = m.get(test);
    Question.Type type = asked.type();
    if (test.equals("equals")) {
      if (type == Question.Type.CHOICE) {
        if (!asked.options().contains(value.text())) {
          throw value.error("'" + target + "' has no option '" + value.text() + "'; options: " + asked.options());
        }
        return AskIf.equalTo(target, value.text());
      }
      if (type == Question.Type.YES_NO) {
        String label = value.text().toLowerCase(Locale.ROOT);
        if (!label.equals(AskIf.YES) && !label.equals(AskIf.NO)) {
          throw value.error("a yes-no question equals 'yes' or 'no', not '" + value.text() + "'");
        }
        return AskIf.equalTo(target, label);
      }
      throw value.error("'" + target + "' is a " + type.wire() + " question: use atMost or atLeast, not equals");
    }
    if (!type.scored()) {
      throw value.error("'" + target + "' is a " + type.wire() + " question: "
          + (type == Question.Type.TEXT ? "its words cannot be compared" : "use equals, not " + test));
    }
    int number;
    try {
      number = Integer.parseInt(value.text());
    } catch (NumberFormatException e) {
      throw value.error(test + " needs a whole number, got '" + value.text() + "'");
    }
    if (number < type.min() || number > type.max()) {
      throw value.error(test + " " + number + " is outside " + type.wire() + " scores " + type.min() + "-"
          + type.max());
    }
    return test.equals("atMost") ? AskIf.atMost(target, number) : AskIf.atLeast(target, number);
  }

  /** A text said to the homeowner: present and not blank. */
  private static String words(YamlNode owner, Map<String, YamlNode> m, String key) throws DialogDataException {
    YamlNode node = YamlNode.required(owner, m, key);
    if (node.text().isBlank()) {
      throw node.error("'" + key + "' is empty; the homeowner would be sent nothing");
    }
    return node.text();
  }

  static void knownKeys(Map<String, YamlNode> m, Set<String> known, String what) throws DialogDataException {
    for (Map.Entry<String, YamlNode> e : m.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw e.getValue().error("unknown " + what + " key '" + e.getKey() + "'; known: " + new java.util.TreeSet<>(known));
      }
    }
  }
}
