package com.furnishcare.intake.faq;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.load.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code knowledge-base/}: every {@code *.md} file except README.md is one entry (front matter
 * between {@code ---} lines, then the answer); {@code synonyms.txt} and {@code stopwords.txt} tune the
 * search. Anything wrong is reported as {@code file:line: reason}.
 */
public final class KnowledgeBaseLoader {

  public static final String SYNONYMS_FILE = "synonyms.txt";
  public static final String STOPWORDS_FILE = "stopwords.txt";
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Set<String> KEYS = Set.of("id", "question", "phrasings", "tags", "category");

  private KnowledgeBaseLoader() {}

  /**
   * @param categories the complaint categories an entry may name (from the vocabulary); an entry naming
   *     another one is an error, because its "需要登记投诉吗？" would file a ticket of an unknown category
   */
  public static KnowledgeBase load(Path dir, Set<String> categories) throws KnowledgeBaseException, IOException {
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeBaseException(dir + ": the knowledge-base directory does not exist");
    }
    List<FaqEntry> entries = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(KnowledgeBaseLoader::isEntryFile).sorted().toList()) {
        FaqEntry entry = entry(file, Files.readString(file, StandardCharsets.UTF_8), categories);
        String earlier = seen.putIfAbsent(entry.id(), file.getFileName().toString());
        if (earlier != null) {
          throw new KnowledgeBaseException(file.getFileName() + ":2: id '" + entry.id() + "' is already used by " + earlier);
        }
        entries.add(entry);
      }
    }
    if (entries.isEmpty()) {
      throw new KnowledgeBaseException(dir + ": no entries (*.md files with front matter)");
    }
    String synonyms = readIfExists(dir.resolve(SYNONYMS_FILE));
    Set<String> stopWords = new LinkedHashSet<>();
    for (String line : readIfExists(dir.resolve(STOPWORDS_FILE)).split("\n")) {
      String word = line.strip();
      if (!word.isEmpty() && !word.startsWith("#")) {
        stopWords.add(word);
      }
    }
    return new KnowledgeBase(entries, synonyms, stopWords);
  }

  static boolean isEntryFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".md") && !name.equalsIgnoreCase("README.md") && Files.isRegularFile(file);
  }

  static FaqEntry entry(Path path, String content, Set<String> categories) throws KnowledgeBaseException {
    String file = path.getFileName().toString();
    String text = content.replace("\r\n", "\n");
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (!text.startsWith("---\n")) {
      throw new KnowledgeBaseException(file + ":1: an entry starts with a '---' line and its front matter");
    }
    int end = text.indexOf("\n---", 3);
    if (end < 0) {
      throw new KnowledgeBaseException(file + ":1: the front matter is not closed by a '---' line");
    }
    // Keep line numbers of the file: the opening '---' becomes an empty first line.
    String frontMatter = "\n" + text.substring(4, end + 1);
    int bodyStart = text.indexOf('\n', end + 1);
    String answer = bodyStart < 0 ? "" : text.substring(bodyStart + 1).strip();
    try {
      YamlNode root = YamlNode.parse(file, frontMatter);
      Map<String, YamlNode> map = root.mapping();
      for (Map.Entry<String, YamlNode> e : map.entrySet()) {
        if (!KEYS.contains(e.getKey())) {
          throw e.getValue().error("unknown key '" + e.getKey() + "' (known: id, question, phrasings, tags, category)");
        }
      }
      YamlNode idNode = YamlNode.required(root, map, "id");
      String id = idNode.text().strip();
      if (!ID.matcher(id).matches()) {
        throw idNode.error("id '" + id + "' must be lower-case words joined by '-', e.g. cabinet-gap-standard");
      }
      String question = YamlNode.required(root, map, "question").text().strip();
      if (question.isEmpty()) {
        throw map.get("question").error("the question is empty");
      }
      List<String> phrasings = map.containsKey("phrasings") ? map.get("phrasings").texts() : List.of();
      List<String> tags = map.containsKey("tags") ? map.get("tags").texts() : List.of();
      String category = YamlNode.optionalText(map, "category").orElse("").strip();
      if (!category.isEmpty() && !categories.contains(category)) {
        throw map.get("category").error("unknown complaint category '" + category + "' (known: "
            + String.join(", ", categories.stream().sorted().toList()) + ")");
      }
      if (answer.isEmpty()) {
        throw new KnowledgeBaseException(file + ":" + (frontMatter.split("\n", -1).length + 1)
            + ": the answer (text after the front matter) is empty");
      }
      return new FaqEntry(id, question, phrasings, tags, category, answer, file);
    } catch (DialogDataException e) {
      throw new KnowledgeBaseException(e.getMessage());
    }
  }

  private static String readIfExists(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
