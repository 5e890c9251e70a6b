package com.furnishcare.intake.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.core.FaqHit;
import com.furnishcare.intake.core.FaqResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search behaviour a homeowner notices: same answer for synonyms, traditional script and typos; nothing for off-topic. */
class FaqIndexTest {

  private static FaqIndex index;

  @BeforeAll
  static void build() throws Exception {
    index = KnowledgeBases.shipped();
  }

  private static String top(String question) {
    FaqResult r = index.search(question, 3);
    return r.decision() == FaqResult.Decision.NONE ? "-" : r.top().id();
  }

  @Test
  void aQuestionAnsweredOnceIsAnsweredFromTheCacheWithTheSameResult() {
    String question = "衣柜门关不严，合页要怎么调？";
    assertTrue(index.answered(question, 2).isEmpty(), "nothing kept before the question is asked");
    FaqResult searched = index.search(question, 2);
    assertEquals(Optional.of(searched), index.answered(question, 2));
    assertTrue(index.answered(question, 3).isEmpty(), "a different number of hits is another question");
    assertEquals(searched, index.search(question, 2));
  }

  @Test
  void synonymsFindTheSameEntry() {
    assertEquals("radiator-not-hot", top("暖气片不热"));
    assertEquals("radiator-not-hot", top("散热器不热"));
    assertEquals("hinge-adjustment", top("合页怎么调"));
    assertEquals("hinge-adjustment", top("铰链怎么调"));
  }

  @Test
  void traditionalScriptIsFoldedBeforeSearching() {
    List<FaqHit> simplified = index.search("暖气片漏水怎么办", 3).hits();
    List<FaqHit> traditional = index.search("暖氣片漏水怎麼辦", 3).hits();
    assertEquals(simplified, traditional);
    assertEquals("radiator-leak", simplified.get(0).id());
  }

  @Test
  void listedTyposAreReadAsTheWordTheyStandFor() {
    assertEquals(top("安装完怎么验收"), top("按装完怎么验收"));
    assertEquals("installation-acceptance", top("按装完怎么验收"));
  }

  @Test
  void questionsWithoutATopicOrOffTopicGetNothing() {
    assertEquals(FaqResult.Decision.NONE, index.search("", 3).decision());
    assertEquals(FaqResult.Decision.NONE, index.search("请问怎么办？", 3).decision());
    assertEquals(List.of(), index.search("好的", 3).hits(), "stop words only: no topic, even if bigrams match");
    assertEquals(FaqResult.Decision.NONE, index.search("你们卖沙发吗", 3).decision());
    assertEquals(FaqResult.Decision.NONE, index.lookup("no-such-entry").decision());
  }

  @Test
  void anEntryCanBeFetchedByIdAsADirectAnswer() {
    FaqResult r = index.lookup("invoice");
    assertEquals(FaqResult.Decision.ANSWER, r.decision());
    assertEquals("怎么开发票？", r.top().question());
  }

  @Test
  void aVagueOneWordQuestionOffersChoicesInsteadOfGuessing() {
    FaqResult r = index.search("暖气", 3);
    assertEquals(FaqResult.Decision.CHOICES, r.decision());
    assertEquals(3, r.hits().size());
  }

  @Test
  void synonymRulesAreDataThatChangeWhatIsFound() throws Exception {
    FaqEntry radiator = new FaqEntry("radiator", "暖气片漏水怎么办？", List.of(), List.of("暖气片"), "", "关阀门。", "radiator.md");
    FaqEntry door = new FaqEntry("door", "柜门怎么调？", List.of(), List.of("柜门"), "", "拧铰链。", "door.md");
    FaqIndex without = FaqIndex.build(new KnowledgeBase(List.of(radiator, door), "", Set.of()), FaqThresholds.DEFAULTS);
    FaqIndex with = FaqIndex.build(new KnowledgeBase(List.of(radiator, door), "暖气片, 散热器\n", Set.of()),
        FaqThresholds.DEFAULTS);
    // Without the rule only 漏水 is recognised; with it the whole question is covered.
    FaqResult before = without.search("散热器漏水", 3);
    FaqResult after = with.search("散热器漏水", 3);
    assertEquals("radiator", after.top().id());
    assertEquals(1.0, after.top().confidence(), 1e-9);
    assertTrue(before.hits().isEmpty() || before.top().confidence() < 0.7, before.toString());
  }

  @Test
  void aLongMessageOfAnyKindIsSearchedLikeAnyOther() {
    for (String text : List.of(LongTexts.randomCjk(1, LongTexts.LONG), LongTexts.randomCjk(2, LongTexts.LONG), LongTexts.latinWords(3, LongTexts.LONG), LongTexts.mixed(4, LongTexts.LONG),
        "柜门关不上，".repeat(LongTexts.LONG / 6), "暖气片漏水怎么办？".repeat(LongTexts.LONG / 9))) {
      FaqResult result = index.search(text, 3);
      assertTrue(result.hits().size() <= 3, result.toString());
      for (FaqHit hit : result.hits()) {
        assertTrue(hit.confidence() >= 0 && hit.confidence() <= 1, hit.toString());
      }
    }
  }

  @Test
  void aQuestionPastedOverAndOverGetsTheAnswerOfTheQuestion() {
    assertEquals("radiator-leak", top("暖气片漏水怎么办？"));
    assertEquals("radiator-leak", top("暖气片漏水怎么办？".repeat(LongTexts.LONG / 9)));
    assertEquals(top("铰链怎么调"), top("铰链怎么调，".repeat(LongTexts.LONG / 6)));
  }

  @Test
  void aLongMessageKeepsItsRarestWordsInTheOrderItHasThem() {
    Map<String, Double> idf = Map.of("a", 1.0, "b", 3.0, "c", 2.0, "d", 3.0, "e", 0.5);
    List<String> words = List.of("a", "b", "c", "d", "e");
    assertEquals(List.of("b", "c", "d"), FaqIndex.rarest(words, idf::get, 3));
    assertEquals(List.of("b", "d"), FaqIndex.rarest(words, idf::get, 2));
    assertEquals(words, FaqIndex.rarest(words, idf::get, 5));
  }
}
