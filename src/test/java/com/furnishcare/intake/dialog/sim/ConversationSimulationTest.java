package com.furnishcare.intake.dialog.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.dialog.Chat;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.ibm.icu.text.Transliterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Homeowners written from DOMAIN.md and the seeds (not from the vocabulary) talk to the real dialogs,
 * answering whatever the bot asks in their own words (issue 12, point 8). Prints the figures and the worst
 * transcripts; asserts only floors at the figures measured on the code of the day, so understanding
 * cannot get worse unnoticed. Raise the floors when the engine gets better (README, "Conversation simulator").
 */
class ConversationSimulationTest {

  static final long[] SEEDS = {1, 2, 3};

  /**
   * Floors at the figures measured (README, "Conversation simulator"), per script of 480 conversations.
   * Before issue 12: 292 tickets filed (30 at a hand-off), 240 correct, 185 stuck, 134 repeating a reply
   * more than maxTries + 1 times. After "no dead ends" (a slot the homeowner cannot give is given up after
   * maxTries, 诉求 in their own words): 477 filed, 346 correct, none stuck, none looping; with a statement
   * carrying an order number or phone starting the intake: 480 filed. Categories from paraphrases and
   * names from common wordings (points 5 and 8) on top of that: 392 correct, average 6.22 turns.
   */
  static final int CORRECT_FLOOR = 392;
  static final int FILED_FLOOR = 480;
  static final int STUCK_CEILING = 0;
  static final int LOOPING_CEILING = 0;

  @Test
  void personasCoverEveryCategoryWithSeveralWordingsPerAnswer() {
    List<Persona> personas = Persona.load();
    assertTrue(personas.size() >= 40, "at least 40 personas, got " + personas.size());
    Set<String> categories = personas.stream().map(Persona::category).collect(Collectors.toSet());
    assertEquals(Set.of("设计失误", "尺寸不符", "安装工艺差", "材质货不对板", "色差", "交付延期", "配件缺货", "服务态度",
        "响应速度", "维修不及时", "渗水/安全隐患", "其他"), categories);
    for (Persona p : personas) {
      for (Ask a : Ask.ANSWERABLE) {
        assertTrue(p.answers(a).size() >= 3, p.id() + " " + a);
      }
    }
    SimulationReport.categoryCodes(Chat.book().vocabulary()); // every DOMAIN.md category has a code in the book
  }

  @Test
  void simplifiedAndTraditionalHomeownersReachCorrectTickets() {
    DialogBook book = Chat.book();
    int loopLimit = book.flow("complaint-intake").maxTries() + 1;
    Transliterator toTraditional = Transliterator.getInstance("Hans-Hant");
    SimulationReport simplified = simulate("simplified", book, loopLimit, UnaryOperator.identity());
    SimulationReport traditional = simulate("traditional", book, loopLimit, toTraditional::transliterate);

    System.out.println("== Conversation simulation (" + Persona.load().size() + " personas x "
        + Persona.Opening.values().length + " opening styles x " + SEEDS.length + " seeds; stuck = "
        + Simulator.TURN_LIMIT + " user turns without an end) ==");
    System.out.print(simplified.figures());
    System.out.print(traditional.figures());
    System.out.println("== Worst examples (simplified) ==");
    System.out.print(simplified.worstExamples(1));
    System.out.println("== Worst examples (traditional) ==");
    System.out.print(traditional.worstExamples(1));

    String show = System.getProperty("sim.show"); // e.g. -Dsim.show=p24 prints that persona's transcripts
    if (show != null) {
      simplified.outcomes.stream().filter(o -> o.persona().id().equals(show)).forEach(o -> {
        System.out.printf("--- %s %s seed %d: %s after %d turns%n", o.persona().id(), o.opening(), o.seed(), o.end(),
            o.turns());
        o.transcript().forEach(System.out::println);
      });
    }
    for (SimulationReport r : List.of(simplified, traditional)) {
      assertTrue(r.ticketsCorrect >= CORRECT_FLOOR,
          r.script + ": tickets correct " + r.ticketsCorrect + " fell below " + CORRECT_FLOOR);
      assertTrue(r.ticketsFiled >= FILED_FLOOR,
          r.script + ": tickets filed " + r.ticketsFiled + " fell below " + FILED_FLOOR);
      assertTrue(r.count(Simulator.End.STUCK) <= STUCK_CEILING,
          r.script + ": stuck " + r.count(Simulator.End.STUCK) + " rose above " + STUCK_CEILING);
      assertTrue(r.loopingConversations <= LOOPING_CEILING, r.script + ": conversations repeating a reply more than "
          + loopLimit + " times " + r.loopingConversations + " rose above " + LOOPING_CEILING);
    }
    assertEquals(simplified.ticketsCorrect, traditional.ticketsCorrect,
        "traditional input must work exactly as simplified (issue 12, point 9)");
  }

  static SimulationReport simulate(String name, DialogBook book, int loopLimit, UnaryOperator<String> script) {
    SimulationReport report = new SimulationReport(name, book, loopLimit);
    Simulator simulator = new Simulator(book, script);
    for (Persona p : Persona.load()) {
      for (Persona.Opening opening : Persona.Opening.values()) {
        for (long seed : SEEDS) {
          report.add(simulator.run(p, opening, seed));
        }
      }
    }
    return report;
  }
}
