package com.furnishcare.intake.survey.load;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.load.YamlNode;
import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import com.furnishcare.intake.survey.model.AnswerWords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code answer-words.yaml}. Every word is folded like the replies it is matched against, and may
 * stand in one place only: one score, yes or no. Lists of different question types may share a word
 * ("满分" is a 5 on a scale and a 10 for a recommendation), and so may a lukewarm word and a score ("一般"
 * is a 3 and a warning); opt-out words, complaint signs and fillers decide a reply on their own and
 * share nothing.
 */
final class AnswerWordsParser {

  private static final List<String> KEYS = List.of("scale", "nps", "yes", "no", "lukewarm", "optOut",
      "complaintSigns", "fillers");
  /** Lists read for the same kind of question: a word in two of them would have two meanings. */
  private static final Map<String, String> NAMESPACE = Map.of("scale", "scale", "nps", "nps", "yes", "yes-no",
      "no", "yes-no", "lukewarm", "lukewarm");

  /** Where a word is listed, to name both places when it is listed again. */
  private record Place(String list, String where) {}

  private final Map<String, List<Place>> seen = new HashMap<>();

  private AnswerWordsParser() {}

  static AnswerWords parse(String file, String text) throws DialogDataException {
    return new AnswerWordsParser().read(file, text);
  }

  private AnswerWords read(String file, String text) throws DialogDataException {
    YamlNode root = YamlNode.parse(file, text);
    Map<String, YamlNode> m = root.mapping();
    SurveyParser.knownKeys(m, Set.copyOf(KEYS), "answer-words");
    for (String key : KEYS) {
      YamlNode.required(root, m, key);
    }
    return new AnswerWords(scores(m.get("scale"), "scale", 1, 5), scores(m.get("nps"), "nps", 0, 10),
        words(m.get("yes"), "yes"), words(m.get("no"), "no"), words(m.get("lukewarm"), "lukewarm"),
        words(m.get("optOut"), "optOut"), words(m.get("complaintSigns"), "complaintSigns"),
        words(m.get("fillers"), "fillers"));
  }

  private Map<String, Integer> scores(YamlNode node, String list, int min, int max) throws DialogDataException {
    Map<String, Integer> result = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.mapping().entrySet()) {
      int score;
      try {
        score = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        score = -1;
      }
      if (score < min || score > max) {
        throw e.getValue().error(list + " scores run from " + min + " to " + max + ", got '" + e.getKey() + "'");
      }
      for (String word : words(e.getValue(), list + " " + score)) {
        result.put(word, score);
      }
    }
    return result;
  }

  private Set<String> words(YamlNode node, String list) throws DialogDataException {
    Set<String> result = new LinkedHashSet<>();
    for (YamlNode item : node.list()) {
      String word = TextNormalizer.normalize(item.text());
      if (word.isEmpty()) {
        throw item.error("an empty word in " + list);
      }
      List<Place> places = seen.computeIfAbsent(word, w -> new ArrayList<>());
      for (Place earlier : places) {
        if (clash(earlier.list(), list)) {
          throw item.error("'" + item.text() + "' is in " + list + " and already in " + earlier.list() + " ("
              + earlier.where() + "); a word may stand in one place only");
        }
      }
      places.add(new Place(list, item.where()));
      result.add(word);
    }
    return result;
  }

  /** Two lists clash on a shared word unless they serve different question types or one is the lukewarm flag. */
  private static boolean clash(String first, String second) {
    String a = NAMESPACE.get(first.split(" ")[0]);
    String b = NAMESPACE.get(second.split(" ")[0]);
    return a == null || b == null || a.equals(b);
  }
}
