package com.furnishcare.intake.dialog.sim;

import com.furnishcare.intake.core.Ticket;
import com.furnishcare.intake.dialog.model.DialogBook;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures of one simulation run (one script), and the worst transcripts behind them. */
public final class SimulationReport {

  /** Fields of a ticket checked against the persona's facts. */
  public enum Field { CATEGORY, PHONE, ORDER, NAME, ADDRESS }

  private static final Transliterator TO_SIMPLIFIED = Transliterator.getInstance("Hant-Hans");

  final String script;
  final List<Simulator.Outcome> outcomes = new ArrayList<>();
  final Map<Simulator.End, Integer> ends = new EnumMap<>(Simulator.End.class);
  final Map<Field, Integer> wrongFields = new EnumMap<>(Field.class);
  final Map<Field, String> wrongExample = new EnumMap<>(Field.class);
  final Map<String, Integer> stuckAt = new TreeMap<>();
  final Map<String, Integer> correctByCategory = new LinkedHashMap<>();
  final Map<String, Integer> conversationsByCategory = new LinkedHashMap<>();
  final Map<String, Map<Simulator.End, Integer>> endsByCategory = new LinkedHashMap<>();
  final Map<Persona.Opening, int[]> turnsByOpening = new EnumMap<>(Persona.Opening.class);
  final List<String> unknownReplies = new ArrayList<>();
  int ticketsFiled;
  int handoffTickets;
  int handoffTicketsCorrect;
  /** user-turn budgets of issue 12 point 7: everything in the first message, ticket in 3; bare "我要投诉", in 9 */
  int fullWithinBudget;
  int bareWithinBudget;
  int ticketsCorrect;
  int maxRun;
  int loopingConversations;
  int unknownAsks;
  int turnsToTicketSum;
  int turnsToTicketCount;
  int maxTurnsToTicket;
  private final Map<String, String> categoryCodes;
  private final int loopLimit;

  SimulationReport(String script, DialogBook book, int loopLimit) {
    this.script = script;
    this.categoryCodes = categoryCodes(book.vocabulary());
    this.loopLimit = loopLimit;
  }

  /** DOMAIN.md's category names to the codes of the dialog book, matched on the first two characters of the book's display labels. */
  static Map<String, String> categoryCodes(Vocabulary vocabulary) {
    Map<String, String> codes = new LinkedHashMap<>();
    for (String domain : List.of("设计失误", "尺寸不符", "安装工艺差", "材质货不对板", "色差", "交付延期", "配件缺货",
        "服务态度", "响应速度", "维修不及时", "渗水/安全隐患", "其他")) {
      String head = domain.substring(0, 2); // the labels may differ in their tail (配件缺货 / 配件缺失)
      String code = vocabulary.categories().stream()
          .filter(t -> t.label().startsWith(head))
          .map(Vocabulary.Term::code).findFirst()
          .orElseThrow(() -> new IllegalStateException("no category in the dialog book labelled like " + domain
              + ": " + vocabulary.categories().stream().map(Vocabulary.Term::label).toList()));
      codes.put(domain, code);
    }
    return codes;
  }

  void add(Simulator.Outcome o) {
    outcomes.add(o);
    ends.merge(o.end(), 1, Integer::sum);
    maxRun = Math.max(maxRun, o.maxRun());
    if (o.maxRun() > loopLimit) {
      loopingConversations++;
    }
    unknownAsks += o.unknownAsks();
    for (String r : o.unknownReplies()) {
      if (unknownReplies.size() < 3 && !unknownReplies.contains(r)) {
        unknownReplies.add(r);
      }
    }
    conversationsByCategory.merge(o.persona().category(), 1, Integer::sum);
    endsByCategory.computeIfAbsent(o.persona().category(), k -> new EnumMap<>(Simulator.End.class))
        .merge(o.end(), 1, Integer::sum);
    if (o.end() == Simulator.End.STUCK) {
      stuckAt.merge(o.lastAsk().name(), 1, Integer::sum);
    }
    if (o.ticket() == null) {
      return;
    }
    ticketsFiled++;
    turnsToTicketSum += o.turns();
    turnsToTicketCount++;
    maxTurnsToTicket = Math.max(maxTurnsToTicket, o.turns());
    int[] t = turnsByOpening.computeIfAbsent(o.opening(), k -> new int[2]);
    t[0] += o.turns();
    t[1]++;
    if (o.opening() == Persona.Opening.FULL && o.turns() <= 3) {
      fullWithinBudget++;
    }
    if (o.opening() == Persona.Opening.BARE && o.turns() <= 9) {
      bareWithinBudget++;
    }
    List<Field> wrong = wrong(o.persona(), o.ticket());
    if (o.end() == Simulator.End.HANDOFF) {
      handoffTickets++;
      if (wrong.isEmpty()) {
        handoffTicketsCorrect++;
      }
    }
    for (Field f : o.end() == Simulator.End.HANDOFF ? List.<Field>of() : wrong) {
      wrongFields.merge(f, 1, Integer::sum);
      wrongExample.putIfAbsent(f, o.persona().id() + " expected " + expected(o.persona(), f) + ", ticket has "
          + actual(o.ticket(), f));
    }
    if (wrong.isEmpty()) {
      ticketsCorrect++;
      correctByCategory.merge(o.persona().category(), 1, Integer::sum);
    }
  }

  List<Field> wrong(Persona p, Ticket t) {
    List<Field> wrong = new ArrayList<>();
    if (!categoryCodes.get(p.category()).equals(t.category())) {
      wrong.add(Field.CATEGORY);
    }
    if (!p.phone().equals(digits(t.phone()))) {
      wrong.add(Field.PHONE);
    }
    String order = p.order() == null ? "" : compact(p.order()).toUpperCase();
    if (!order.equals(compact(t.orderNo()).toUpperCase())) {
      wrong.add(Field.ORDER);
    }
    if (!simplified(t.customerName()).contains(p.nameKey())) {
      wrong.add(Field.NAME);
    }
    if (!compact(simplified(t.address())).contains(compact(p.addressKey()))) {
      wrong.add(Field.ADDRESS);
    }
    return wrong;
  }

  private String expected(Persona p, Field f) {
    return switch (f) {
      case CATEGORY -> categoryCodes.get(p.category());
      case PHONE -> p.phone();
      case ORDER -> String.valueOf(p.order());
      case NAME -> p.nameKey();
      case ADDRESS -> p.addressKey();
    };
  }

  private static String actual(Ticket t, Field f) {
    return switch (f) {
      case CATEGORY -> t.category();
      case PHONE -> t.phone();
      case ORDER -> t.orderNo();
      case NAME -> t.customerName();
      case ADDRESS -> t.address();
    };
  }

  static String simplified(String s) {
    return s == null ? "" : TO_SIMPLIFIED.transliterate(s);
  }

  private static String digits(String s) {
    return s == null ? "" : s.replaceAll("\\D", "");
  }

  private static String compact(String s) {
    return s == null ? "" : s.replaceAll("[\\s\\-－—_#]", "");
  }

  int conversations() {
    return outcomes.size();
  }

  int conversations(Persona.Opening opening) {
    return (int) outcomes.stream().filter(o -> o.opening() == opening).count();
  }

  int count(Simulator.End end) {
    return ends.getOrDefault(end, 0);
  }

  double averageTurnsToTicket() {
    return turnsToTicketCount == 0 ? 0 : (double) turnsToTicketSum / turnsToTicketCount;
  }

  String figures() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%s: %d conversations, tickets filed %d, tickets correct %d (%.1f%%), hand-offs %d, "
            + "exits %d, stuck %d; max repeated reply run %d, conversations over %d repeats %d; "
            + "user turns to a ticket avg %.2f max %d; bot questions the persona could not tell %d%n",
        script, conversations(), ticketsFiled, ticketsCorrect, 100.0 * ticketsCorrect / Math.max(1, conversations()),
        count(Simulator.End.HANDOFF), count(Simulator.End.EXIT), count(Simulator.End.STUCK), maxRun, loopLimit,
        loopingConversations, averageTurnsToTicket(), maxTurnsToTicket, unknownAsks));
    b.append(String.format("  tickets filed at a hand-off %d (correct %d); tickets within the turn budget of issue 12 "
        + "point 7: FULL opening in <= 3 user turns %d/%d, BARE opening in <= 9 %d/%d%n", handoffTickets,
        handoffTicketsCorrect, fullWithinBudget, conversations(Persona.Opening.FULL), bareWithinBudget,
        conversations(Persona.Opening.BARE)));
    b.append("  avg turns to a ticket by opening:");
    turnsByOpening.forEach((k, v) -> b.append(String.format(" %s %.2f (%d tickets)", k, (double) v[0] / v[1], v[1])));
    b.append("\n  wrong fields of tickets filed without a hand-off: ").append(wrongFields).append('\n');
    wrongExample.forEach((f, e) -> b.append("    e.g. ").append(f).append(": ").append(e).append('\n'));
    b.append("  stuck while the bot was asking: ").append(stuckAt).append('\n');
    unknownReplies.forEach(r -> b.append("  a reply the persona could not tell: ").append(r.replace("\n", " / "))
        .append('\n'));
    b.append("  correct tickets by category:");
    conversationsByCategory.forEach((c, n) -> b.append(' ').append(c).append(' ')
        .append(correctByCategory.getOrDefault(c, 0)).append('/').append(n));
    b.append("\n  ends by category:");
    endsByCategory.forEach((c, e) -> b.append(' ').append(c).append(' ').append(e));
    b.append('\n');
    return b.toString();
  }

  /** A few transcripts, one per failure class: stuck at each kind of question, then the longest loops. */
  String worstExamples(int perClass) {
    StringBuilder b = new StringBuilder();
    Map<String, Integer> shown = new LinkedHashMap<>();
    List<Simulator.Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort((x, y) -> Integer.compare(y.maxRun(), x.maxRun()));
    for (Simulator.Outcome o : sorted) {
      String failureClass;
      if (o.end() == Simulator.End.STUCK) {
        failureClass = "stuck, run of " + o.maxRun() + " on " + o.runAsk();
      } else if (o.maxRun() > loopLimit) {
        failureClass = "loop then " + o.end() + ", run of " + o.maxRun() + " on " + o.runAsk();
      } else if (o.ticket() != null && o.end() != Simulator.End.HANDOFF && !wrong(o.persona(), o.ticket()).isEmpty()) {
        failureClass = "wrong " + wrong(o.persona(), o.ticket()).get(0);
      } else {
        continue;
      }
      String key = failureClass.replaceAll("run of \\d+", "run");
      if (shown.merge(key, 1, Integer::sum) > perClass) {
        continue;
      }
      b.append(String.format("--- %s [%s] persona %s (%s), opening %s, seed %d, %d turns%n", failureClass, script,
          o.persona().id(), o.persona().category(), o.opening(), o.seed(), o.turns()));
      List<String> t = o.transcript();
      int limit = 44;
      for (int i = 0; i < t.size() && i < limit; i++) {
        b.append(t.get(i)).append('\n');
      }
      if (t.size() > limit) {
        b.append("  … ").append(t.size() - limit).append(" more lines\n");
      }
    }
    return b.toString();
  }
}
