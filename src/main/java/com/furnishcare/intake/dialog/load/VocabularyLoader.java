package com.furnishcare.intake.dialog.load;

import com.furnishcare.intake.dialog.nlu.Intent;
import com.furnishcare.intake.dialog.nlu.TextNormalizer;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code vocabulary.yaml}; words are folded like user input so traditional entries also work. */
public final class VocabularyLoader {


  private VocabularyLoader() {}

  public static Vocabulary parse(String file, String text) throws DialogDataException {
    YamlNode root = YamlNode.parse(file, text);
    Map<String, YamlNode> map = root.mapping();
    List<Vocabulary.Term> categories = terms(YamlNode.required(root, map, "categories"));
    Set<String> surnames = new LinkedHashSet<>();
    if (map.containsKey("surnames")) {
      String all = TextNormalizer.normalize(map.get("surnames").text());
      for (int i = 0; i < all.length(); i++) {
        if (!Character.isWhitespace(all.charAt(i))) {
          surnames.add(String.valueOf(all.charAt(i)));
        }
      }
    }
    surnames.addAll(optionalWords(map, "compoundSurnames"));
    YamlNode wantsNode = YamlNode.required(root, map, "wants");
    Map<String, YamlNode> wants = wantsNode.mapping();
    Map<Intent, List<String>> intents = new LinkedHashMap<>();
    YamlNode intentsNode = YamlNode.required(root, map, "intents");
    for (Map.Entry<String, YamlNode> e : intentsNode.mapping().entrySet()) {
      try {
        intents.put(Intent.parse(e.getKey()), folded(e.getValue().texts()));
      } catch (IllegalArgumentException ex) {
        throw e.getValue().error("unknown intent '" + e.getKey() + "'");
      }
    }
    // Words that name a kind of fact in a correction ("电话写错了"), by slot type.
    Map<SlotType, List<String>> slotWords = new LinkedHashMap<>();
    YamlNode slotNode = YamlNode.required(root, map, "slotWords");
    for (Map.Entry<String, YamlNode> e : slotNode.mapping().entrySet()) {
      try {
        slotWords.put(SlotType.parse(e.getKey()), folded(e.getValue().texts()));
      } catch (IllegalArgumentException ex) {
        throw e.getValue().error("unknown slot type '" + e.getKey() + "'; known: "
            + java.util.Arrays.stream(SlotType.values()).map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toList());
      }
    }
    return new Vocabulary(categories,
        folded(YamlNode.required(wantsNode, wants, "cues").texts()),
        terms(YamlNode.required(wantsNode, wants, "options")),
        folded(YamlNode.required(root, map, "yes").texts()),
        folded(YamlNode.required(root, map, "no").texts()),
        folded(YamlNode.required(root, map, "none").texts()),
        folded(YamlNode.required(root, map, "asks").texts()),
        folded(YamlNode.required(root, map, "negations").texts()),
        intents, slotWords,
        optionalWords(map, "problems"),
        optionalWords(map, "problemGap"),
        Set.copyOf(surnames),
        optionalWords(map, "finished"));
  }

  private static List<Vocabulary.Term> terms(YamlNode node) throws DialogDataException {
    List<Vocabulary.Term> terms = new ArrayList<>();
    for (YamlNode item : node.list()) {
      Map<String, YamlNode> m = item.mapping();
      List<String> words = folded(YamlNode.required(item, m, "words").texts());
      if (words.isEmpty()) {
        throw item.error("'words' must not be empty");
      }
      terms.add(new Vocabulary.Term(YamlNode.required(item, m, "code").text(),
          YamlNode.required(item, m, "label").text(), words, optionalWords(m, "topics"), optionalWords(m, "markers"),
          m.containsKey("ownSymptoms") && Boolean.parseBoolean(m.get("ownSymptoms").text())));
    }
    return terms;
  }

  /** An optional list of words, folded; empty when the key is absent. */
  private static List<String> optionalWords(Map<String, YamlNode> map, String key) throws DialogDataException {
    YamlNode node = map.get(key);
    return node == null ? List.of() : folded(node.texts());
  }

  private static List<String> folded(List<String> words) {
    List<String> result = new ArrayList<>();
    for (String word : words) {
      boolean whole = word.startsWith("=");
      String body = TextNormalizer.normalize(whole ? word.substring(1) : word);
      result.add(whole ? "=" + body : body);
    }
    return result;
  }
}
