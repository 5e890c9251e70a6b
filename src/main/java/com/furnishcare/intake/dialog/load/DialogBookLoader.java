package com.furnishcare.intake.dialog.load;

import com.furnishcare.intake.dialog.model.DealerDirectory;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.model.Grading;
import com.furnishcare.intake.dialog.model.MainMenu;
import com.furnishcare.intake.dialog.nlu.Intent;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads {@code dialogs/*.yaml} (flows, {@code vocabulary.yaml}, {@code main-menu.yaml}) and the grading
 * rules, and checks them as a whole: the built-in flows must exist and every flow must be valid.
 */
public final class DialogBookLoader {

  /**
   * The engine falls back on these by intent: a person when it gives up, the intake when a message
   * is a complaint. Some flow's trigger must name each.
   */
  static final List<Intent> REQUIRED_INTENTS = List.of(Intent.HUMAN, Intent.COMPLAINT);

  private DialogBookLoader() {}

  public static DialogBook load(Path dialogsDir, Path gradingFile, Path dealersFile)
      throws DialogDataException, IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dialogsDir)) {
      for (Path p : list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    DialogBook book = parse(files, gradingFile.getFileName().toString(),
        Files.readString(gradingFile, StandardCharsets.UTF_8));
    return new DialogBook(book.flows(), book.menu(), book.vocabulary(), book.grading(), dealers(dealersFile),
        book.messages());
  }

  /** The dealer file alone (also read by the agents file's check of dealer ids); absent = no dealers. */
  public static DealerDirectory dealers(Path dealersFile) throws DialogDataException, IOException {
    return Files.exists(dealersFile)
        ? DealerDirectoryParser.parse(dealersFile.getFileName().toString(),
            Files.readString(dealersFile, StandardCharsets.UTF_8))
        : DealerDirectory.empty();
  }

  /** Builds the book from file contents (name → text); the pure core of {@link #load}. */
  public static DialogBook parse(Map<String, String> files, String gradingName, String gradingText)
      throws DialogDataException {
    String vocabularyText = files.get("vocabulary.yaml");
    String menuText = files.get("main-menu.yaml");
    if (vocabularyText == null) {
      throw new DialogDataException("vocabulary.yaml:1: missing from the dialogs directory");
    }
    if (menuText == null) {
      throw new DialogDataException("main-menu.yaml:1: missing from the dialogs directory");
    }
    Vocabulary vocabulary = VocabularyLoader.parse("vocabulary.yaml", vocabularyText);
    MainMenu menu = menu(menuText);
    Map<String, Flow> flows = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().equals("vocabulary.yaml") || file.getKey().equals("main-menu.yaml")
          || file.getKey().equals("messages.yaml")) {
        continue;
      }
      Flow flow = FlowParser.parse(file.getKey(), file.getValue());
      Flow previous = flows.put(flow.id(), flow);
      if (previous != null) {
        throw new DialogDataException(file.getKey() + ":1: flow id '" + flow.id() + "' is already used by "
            + previous.file());
      }
    }
    Map<String, String> messages = messages(files.get("messages.yaml"));
    for (Intent required : REQUIRED_INTENTS) {
      if (flows.values().stream().noneMatch(f -> f.trigger().intents().contains(required))) {
        throw new DialogDataException("dialogs:1: no flow's trigger names the intent '"
            + required.name().toLowerCase(java.util.Locale.ROOT) + "'; the engine needs one to fall back on");
      }
    }
    checkMenu(menu, flows);
    checkSlotNames(flows);
    for (Flow flow : flows.values()) {
      for (SlotSpec slot : flow.slots().values()) {
        if (slot.type() == SlotType.CATEGORY && !slot.fallback().isEmpty()
            && vocabulary.category(slot.fallback()).isEmpty()) {
          throw new DialogDataException(flow.file() + ":1: slot '" + slot.name() + "' falls back to category '"
              + slot.fallback() + "', which vocabulary.yaml does not define");
        }
      }
      if ((flow.trigger().intents().contains(Intent.HUMAN) || flow.trigger().intents().contains(Intent.ESCALATE))
          && !(flow.first() instanceof Step.Handoff)) {
        // The engine hands a conversation to a person by starting this flow: refuse a mismatch here, with
        // the file, rather than failing the first homeowner who asks for a person.
        throw new DialogDataException(flow.file() + ":1: '" + flow.id() + "' is started for a person, so its first"
            + " step must be of type 'handoff'; it is '" + flow.first().id() + "'");
      }
      String idle = flow.trigger().idleMessage();
      if (!idle.isEmpty() && !messages.containsKey(idle)) {
        throw new DialogDataException(flow.file() + ":1: trigger.idleMessage '" + idle
            + "' is not a key of messages.yaml");
      }
      for (String paused : flow.trigger().afterPauseOf()) {
        if (!flows.containsKey(paused)) {
          throw new DialogDataException(flow.file() + ":1: trigger.afterPauseOf names '" + paused
              + "', which is no flow; known flows: " + flows.keySet());
        }
      }
    }
    return new DialogBook(flows, menu, vocabulary, grading(gradingName, gradingText), DealerDirectory.empty(),
        messages);
  }

  private static Map<String, String> messages(String text) throws DialogDataException {
    if (text == null) {
      throw new DialogDataException("messages.yaml:1: missing from the dialogs directory");
    }
    YamlNode root = YamlNode.parse("messages.yaml", text);
    Map<String, YamlNode> m = root.mapping();
    Map<String, String> messages = new LinkedHashMap<>();
    for (String key : DialogBook.MESSAGE_KEYS) {
      messages.put(key, YamlNode.required(root, m, key).text());
    }
    for (Map.Entry<String, YamlNode> e : m.entrySet()) {
      if (DialogBook.OPTIONAL_MESSAGE_KEYS.contains(e.getKey())) {
        messages.put(e.getKey(), e.getValue().text());
      } else if (!messages.containsKey(e.getKey())) {
        throw e.getValue().error("unknown message '" + e.getKey() + "'; known: " + DialogBook.MESSAGE_KEYS
            + ", optional: " + DialogBook.OPTIONAL_MESSAGE_KEYS);
      }
    }
    return Map.copyOf(messages);
  }

  private static MainMenu menu(String text) throws DialogDataException {
    YamlNode root = YamlNode.parse("main-menu.yaml", text);
    Map<String, YamlNode> m = root.mapping();
    List<MainMenu.Option> options = new java.util.ArrayList<>();
    for (YamlNode item : YamlNode.required(root, m, "options").list()) {
      Map<String, YamlNode> o = item.mapping();
      options.add(new MainMenu.Option(YamlNode.required(item, o, "label").text(), YamlNode.required(item, o, "flow").text()));
    }
    return new MainMenu(YamlNode.required(root, m, "welcome").text(), YamlNode.required(root, m, "text").text(),
        options, strings(YamlNode.required(root, m, "menuKeys")), YamlNode.required(root, m, "thanks").text(),
        faqTexts(root, m), notUnderstood(root, m), complaintOrQuestion(m));
  }

  /**
   * A kind of fact has one slot name in the whole book, and a name one type: the engine files a message's
   * phone number in "the slot of type mobile", and slots are shared between flows by name.
   */
  private static void checkSlotNames(Map<String, Flow> flows) throws DialogDataException {
    Map<SlotType, SlotSpec> byType = new java.util.EnumMap<>(SlotType.class);
    Map<String, SlotType> byName = new HashMap<>();
    for (Flow flow : flows.values()) {
      for (SlotSpec slot : flow.slots().values()) {
        SlotSpec other = byType.putIfAbsent(slot.type(), slot);
        SlotType otherType = byName.putIfAbsent(slot.name(), slot.type());
        if ((other != null && !other.name().equals(slot.name())) || (otherType != null && otherType != slot.type())) {
          throw new DialogDataException(flow.file() + ":1: slot '" + slot.name() + "' ("
              + slot.type().name().toLowerCase(java.util.Locale.ROOT) + ") does not match another flow's slot '"
              + (other != null ? other.name() : slot.name()) + "'; use one name per kind of fact in every flow");
        }
      }
    }
  }

  /** Every menu option and menu key starts a flow that exists. */
  private static void checkMenu(MainMenu menu, Map<String, Flow> flows) throws DialogDataException {
    List<String> targets = new java.util.ArrayList<>(menu.options().stream().map(MainMenu.Option::flow).toList());
    targets.addAll(menu.menuKeys().values());
    for (String target : targets) {
      if (!flows.containsKey(target)) {
        throw new DialogDataException("main-menu.yaml:1: the menu starts flow '" + target + "', which does not exist;"
            + " known flows: " + flows.keySet());
      }
    }
  }

  private static java.util.Optional<MainMenu.ComplaintOrQuestion> complaintOrQuestion(Map<String, YamlNode> m)
      throws DialogDataException {
    YamlNode node = m.get("complaintOrQuestion");
    if (node == null) {
      return java.util.Optional.empty();
    }
    Map<String, YamlNode> n = node.mapping();
    return java.util.Optional.of(new MainMenu.ComplaintOrQuestion(YamlNode.required(node, n, "text").text(),
        YamlNode.required(node, n, "questionWords").texts()));
  }

  private static MainMenu.NotUnderstood notUnderstood(YamlNode root, Map<String, YamlNode> m) throws DialogDataException {
    YamlNode node = YamlNode.required(root, m, "notUnderstood");
    Map<String, YamlNode> n = node.mapping();
    YamlNode tries = YamlNode.required(node, n, "maxTries");
    int maxTries;
    try {
      maxTries = Integer.parseInt(tries.text());
    } catch (NumberFormatException e) {
      maxTries = 0;
    }
    if (maxTries < 1) {
      throw tries.error("maxTries must be a whole number of at least 1");
    }
    return new MainMenu.NotUnderstood(YamlNode.required(node, n, "text").text(), maxTries);
  }

  private static MainMenu.FaqTexts faqTexts(YamlNode root, Map<String, YamlNode> menu) throws DialogDataException {
    YamlNode node = YamlNode.required(root, menu, "answers");
    Map<String, YamlNode> m = node.mapping();
    MainMenu.FaqTexts texts = new MainMenu.FaqTexts(YamlNode.required(node, m, "choices").text(),
        YamlNode.required(node, m, "none").text(), YamlNode.required(node, m, "offerComplaint").text(),
        YamlNode.optionalText(m, "offerExplained").orElse(""), YamlNode.required(node, m, "declined").text(), YamlNode.required(node, m, "resume").text());
    if (texts.choices().contains("{choices}")) {
      throw m.get("choices").error("the choices text is said before the numbered questions, which each channel"
          + " shows its own way (numbered lines, buttons): remove {choices}");
    }
    return texts;
  }

  private static Map<String, String> strings(YamlNode node) throws DialogDataException {
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.mapping().entrySet()) {
      result.put(e.getKey(), e.getValue().text());
    }
    return result;
  }

  private static Grading grading(String file, String text) throws DialogDataException {
    YamlNode root = YamlNode.parse(file, text);
    Map<String, YamlNode> m = root.mapping();
    Map<Integer, Grading.Level> levels = new HashMap<>();
    YamlNode levelsNode = YamlNode.required(root, m, "levels");
    for (Map.Entry<String, YamlNode> e : levelsNode.mapping().entrySet()) {
      int level = level(e.getValue(), e.getKey());
      Map<String, YamlNode> lm = e.getValue().mapping();
      levels.put(level, new Grading.Level(YamlNode.required(e.getValue(), lm, "label").text(),
          duration(YamlNode.required(e.getValue(), lm, "firstResponse")),
          duration(YamlNode.required(e.getValue(), lm, "resolution"))));
    }
    for (int level = 1; level <= 3; level++) {
      if (!levels.containsKey(level)) {
        throw levelsNode.error("level " + level + " is not defined");
      }
    }
    Map<String, Integer> categoryLevels = new HashMap<>();
    if (m.containsKey("categoryLevels")) {
      for (Map.Entry<String, YamlNode> e : m.get("categoryLevels").mapping().entrySet()) {
        categoryLevels.put(e.getKey(), level(e.getValue(), e.getValue().text()));
      }
    }
    return new Grading(levels, level(m.get("defaultLevel"), textOr(m, "defaultLevel", "1")), categoryLevels,
        level(m.get("escalationLevel"), textOr(m, "escalationLevel", "3")),
        Integer.parseInt(textOr(m, "repeatComplaintRaise", "1")));
  }

  private static String textOr(Map<String, YamlNode> m, String key, String fallback) throws DialogDataException {
    return m.containsKey(key) ? m.get(key).text() : fallback;
  }

  private static int level(YamlNode node, String raw) throws DialogDataException {
    try {
      int level = Integer.parseInt(raw);
      if (level >= 1 && level <= 3) {
        return level;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    if (node == null) {
      throw new DialogDataException("grading:1: level must be 1, 2 or 3, got '" + raw + "'");
    }
    throw node.error("level must be 1, 2 or 3, got '" + raw + "'");
  }

  private static Duration duration(YamlNode node) throws DialogDataException {
    try {
      return Duration.parse(node.text());
    } catch (DateTimeParseException e) {
      throw node.error("expected an ISO-8601 duration such as PT1H or P3D, got '" + node.text() + "'");
    }
  }
}
