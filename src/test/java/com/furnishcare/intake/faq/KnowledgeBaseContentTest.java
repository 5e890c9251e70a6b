package com.furnishcare.intake.faq;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped knowledge base: big enough, the topics homeowners ask most, written for them. */
class KnowledgeBaseContentTest {

  static final List<String> REQUIRED = List.of("cabinet-gap-standard", "board-eco-grade", "colour-difference",
      "size-mismatch", "measurement-process", "installation-acceptance", "installation-booking",
      "delivery-delay-compensation", "spare-parts-48h", "warranty-period", "complaint-response-time",
      "check-progress", "contact-headquarters", "repair-request", "radiator-leak", "radiator-not-hot",
      "formaldehyde", "furniture-care", "refund-policy", "invoice", "human-agent-hours");
  private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fa5]");

  @Test
  void atLeastSixtyEntriesIncludingEveryRequiredTopic() throws Exception {
    KnowledgeBase base = KnowledgeBaseLoader.load(KnowledgeBases.SHIPPED, KnowledgeBases.categories());
    assertTrue(base.entries().size() >= 60, "entries: " + base.entries().size());
    Set<String> ids = base.entries().stream().map(FaqEntry::id).collect(Collectors.toSet());
    for (String id : REQUIRED) {
      assertTrue(ids.contains(id), "missing entry " + id);
    }
  }

  @Test
  void everyEntryIsChineseWithPhrasingsAndTagsAndASubstantialAnswer() throws Exception {
    for (FaqEntry e : KnowledgeBaseLoader.load(KnowledgeBases.SHIPPED, KnowledgeBases.categories()).entries()) {
      assertTrue(CJK.matcher(e.question()).find(), e.id() + ": question in Chinese");
      assertTrue(e.phrasings().size() >= 2, e.id() + ": at least two other phrasings");
      assertTrue(!e.tags().isEmpty(), e.id() + ": tags");
      long chars = CJK.matcher(e.answer()).results().count();
      assertTrue(chars >= 40, e.id() + ": answer of " + chars + " Chinese characters is too thin");
      assertTrue(e.file().equals(e.id() + ".md"), e.id() + ": file named after its id, got " + e.file());
    }
  }

  @Test
  void theRequiredEntriesAnswerTheirOwnQuestion() throws Exception {
    FaqIndex index = KnowledgeBases.shipped();
    for (String id : REQUIRED) {
      FaqEntry entry = index.entry(id).orElseThrow();
      var result = index.search(entry.question(), 3);
      assertTrue(result.decision() != com.furnishcare.intake.core.FaqResult.Decision.NONE
          && result.top().id().equals(id), id + " is not found by its own question: " + result);
    }
  }
}
