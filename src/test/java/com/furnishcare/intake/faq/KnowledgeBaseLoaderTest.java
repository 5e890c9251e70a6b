package com.furnishcare.intake.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Knowledge-base files are read strictly; every mistake names the file and line. */
class KnowledgeBaseLoaderTest {

  private static final Set<String> CATEGORIES = Set.of("installation", "colour_difference");

  @TempDir
  Path dir;

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content);
  }

  private String error() {
    return assertThrows(KnowledgeBaseException.class, () -> KnowledgeBaseLoader.load(dir, CATEGORIES)).getMessage();
  }

  private static String entry(String id, String extra) {
    return "---\nid: " + id + "\nquestion: 柜门怎么调？\nphrasings:\n  - 门歪了\n" + extra + "---\n先拧紧铰链螺丝。\n";
  }

  @Test
  void readsEntriesWithAllTheirFieldsAndSkipsTheReadme() throws Exception {
    write("README.md", "# about\n");
    write("door.md", entry("door", "tags: [柜门, 铰链]\ncategory: installation\n"));
    write("synonyms.txt", "柜门, 门板\n");
    write("stopwords.txt", "# comment\n怎么\n\n");
    KnowledgeBase base = KnowledgeBaseLoader.load(dir, CATEGORIES);
    assertEquals(1, base.entries().size());
    FaqEntry door = base.entries().get(0);
    assertEquals("door", door.id());
    assertEquals("柜门怎么调？", door.question());
    assertEquals(List.of("门歪了"), door.phrasings());
    assertEquals(List.of("柜门", "铰链"), door.tags());
    assertEquals("installation", door.category());
    assertEquals("先拧紧铰链螺丝。", door.answer());
    assertEquals(Set.of("怎么"), base.stopWords());
  }

  @Test
  void anEntryWithoutFrontMatterIsRefused() throws Exception {
    write("plain.md", "柜门怎么调？\n");
    assertEquals("plain.md:1: an entry starts with a '---' line and its front matter", error());
  }

  @Test
  void aMisspelledKeyIsRefusedWithItsLine() throws Exception {
    write("typo.md", "---\nid: typo\nqustion: 柜门怎么调？\n---\n答案\n");
    assertTrue(error().startsWith("typo.md:3: unknown key 'qustion'"), error());
  }

  @Test
  void aMissingQuestionIsRefused() throws Exception {
    write("noq.md", "---\nid: noq\n---\n答案\n");
    assertTrue(error().contains("noq.md:2: missing 'question'"), error());
  }

  @Test
  void anUnknownCategoryIsRefusedWithTheKnownOnes() throws Exception {
    write("cat.md", entry("cat", "category: leaks\n"));
    assertTrue(error().startsWith("cat.md:6: unknown complaint category 'leaks' (known: colour_difference, installation)"),
        error());
  }

  @Test
  void duplicateIdsAreRefused() throws Exception {
    write("a.md", entry("same", ""));
    write("b.md", entry("same", ""));
    assertEquals("b.md:2: id 'same' is already used by a.md", error());
  }

  @Test
  void badIdsAndEmptyAnswersAreRefused() throws Exception {
    write("bad.md", entry("Bad_ID", ""));
    assertTrue(error().startsWith("bad.md:2: id 'Bad_ID' must be lower-case words"), error());
    Files.delete(dir.resolve("bad.md"));
    write("empty.md", "---\nid: empty\nquestion: 柜门怎么调？\n---\n\n");
    assertTrue(error().startsWith("empty.md:5: the answer"), error());
  }

  @Test
  void anEmptyDirectoryIsRefused() {
    assertTrue(error().contains("no entries"), error());
  }

  @Test
  void aBrokenSynonymRuleIsReportedWhenTheIndexIsBuilt() throws Exception {
    write("door.md", entry("door", ""));
    write("synonyms.txt", "柜门, 门板\n柜子 => => 柜体\n");
    KnowledgeBase base = KnowledgeBaseLoader.load(dir, CATEGORIES);
    String message = assertThrows(KnowledgeBaseException.class,
        () -> FaqIndex.build(base, FaqThresholds.DEFAULTS)).getMessage();
    assertTrue(message.startsWith("synonyms.txt:2: invalid synonym rule"), message);
  }
}
