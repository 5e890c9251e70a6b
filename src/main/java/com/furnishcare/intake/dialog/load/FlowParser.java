package com.furnishcare.intake.dialog.load;

import com.furnishcare.intake.dialog.model.Flow;
import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.SlotType;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.model.Trigger;
import com.furnishcare.intake.dialog.nlu.Intent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one flow file and checks it: known step types and slot types, every {@code next}/{@code yes}/
 * {@code no} pointing at a step of the flow, every collected slot declared with a prompt, and every
 * step reachable from the first. Errors name the file and line.
 */
final class FlowParser {

  static final int DEFAULT_MAX_TRIES = 2;

  private FlowParser() {}

  static Flow parse(String file, String text) throws DialogDataException {
    YamlNode root = YamlNode.parse(file, text);
    Map<String, YamlNode> map = root.mapping();
    String id = YamlNode.required(root, map, "id").text();
    Trigger trigger = trigger(map.get("trigger"));
    Map<String, SlotSpec> slots = new LinkedHashMap<>();
    Map<String, YamlNode> slotNodes = new LinkedHashMap<>();
    if (map.containsKey("slots")) {
      for (Map.Entry<String, YamlNode> e : map.get("slots").mapping().entrySet()) {
        slots.put(e.getKey(), slot(e.getKey(), e.getValue()));
        slotNodes.put(e.getKey(), e.getValue());
      }
    }
    YamlNode stepsNode = YamlNode.required(root, map, "steps");
    List<Step> steps = new ArrayList<>();
    Map<String, YamlNode> stepNodes = new LinkedHashMap<>();
    for (YamlNode node : stepsNode.list()) {
      Step step = step(node, slots);
      if (stepNodes.put(step.id(), node) != null) {
        throw node.error("step id '" + step.id() + "' is used twice");
      }
      steps.add(step);
    }
    if (steps.isEmpty()) {
      throw stepsNode.error("a flow needs at least one step");
    }
    checkLinks(steps, stepNodes);
    checkReachable(steps, stepNodes);
    int maxTries = map.containsKey("maxTries") ? positive(map.get("maxTries")) : DEFAULT_MAX_TRIES;
    // Said before the next question when a message added facts ("已记下：{noted}。"); empty = nothing said.
    String acknowledge = YamlNode.optionalText(map, "acknowledge").orElse("");
    return new Flow(id, file, trigger, slots, steps, maxTries, acknowledge);
  }

  private static Trigger trigger(YamlNode node) throws DialogDataException {
    if (node == null) {
      return new Trigger(Set.of(), false, OptionalInt.empty(), Set.of());
    }
    Map<String, YamlNode> m = node.mapping();
    Set<Intent> intents = EnumSet.noneOf(Intent.class);
    if (m.containsKey("intents")) {
      for (YamlNode item : m.get("intents").list()) {
        try {
          intents.add(Intent.parse(item.text()));
        } catch (IllegalArgumentException e) {
          throw item.error("unknown intent '" + item.text() + "'");
        }
      }
    }
    boolean onCategory = m.containsKey("onCategory") && Boolean.parseBoolean(m.get("onCategory").text());
    OptionalInt pause = OptionalInt.empty();
    if (m.containsKey("afterPauseMinutes")) {
      pause = OptionalInt.of(positive(m.get("afterPauseMinutes")));
    }
    Set<String> pausedFlows = new java.util.LinkedHashSet<>();
    if (m.containsKey("afterPauseOf")) {
      for (YamlNode item : m.get("afterPauseOf").list()) {
        pausedFlows.add(item.text());
      }
    }
    return new Trigger(intents, onCategory, pause, pausedFlows);
  }

  private static SlotSpec slot(String name, YamlNode node) throws DialogDataException {
    Map<String, YamlNode> m = node.mapping();
    YamlNode typeNode = YamlNode.required(node, m, "type");
    SlotType type;
    try {
      type = SlotType.parse(typeNode.text());
    } catch (IllegalArgumentException e) {
      throw typeNode.error("unknown slot type '" + typeNode.text() + "'");
    }
    String prompt = YamlNode.required(node, m, "prompt").text();
    if (prompt.isBlank()) {
      throw node.error("slot '" + name + "' has an empty prompt");
    }
    Optional<Pattern> pattern = Optional.empty();
    if (m.containsKey("pattern")) {
      try {
        pattern = Optional.of(Pattern.compile(m.get("pattern").text(), Pattern.CASE_INSENSITIVE));
      } catch (PatternSyntaxException e) {
        throw m.get("pattern").error("not a valid regular expression: " + e.getDescription());
      }
    } else if (type == SlotType.ORDER_NUMBER) {
      throw node.error("order-number slot '" + name + "' needs a 'pattern'");
    }
    boolean optional = m.containsKey("optional") && Boolean.parseBoolean(m.get("optional").text());
    String reprompt = YamlNode.optionalText(m, "reprompt").orElse(prompt);
    String fallback = YamlNode.optionalText(m, "fallback").orElse("");
    String givenUp = YamlNode.optionalText(m, "givenUp").orElse("");
    // How the slot is named to the homeowner: in the summary, "已记下：…", "要改成…吗？".
    String label = YamlNode.required(node, m, "label").text();
    return new SlotSpec(name, type, label, prompt, reprompt, optional, pattern, fallback, givenUp);
  }

  private static Step step(YamlNode node, Map<String, SlotSpec> slots) throws DialogDataException {
    Map<String, YamlNode> m = node.mapping();
    String id = YamlNode.required(node, m, "id").text();
    YamlNode typeNode = YamlNode.required(node, m, "type");
    return switch (typeNode.text()) {
      case "collect" -> {
        List<String> names = YamlNode.required(node, m, "slots").texts();
        for (String name : names) {
          if (!slots.containsKey(name)) {
            throw m.get("slots").error("slot '" + name + "' is not declared under 'slots'");
          }
        }
        List<Step.Together> together = new java.util.ArrayList<>();
        if (m.containsKey("together")) {
          for (YamlNode group : m.get("together").list()) {
            Map<String, YamlNode> g = group.mapping();
            List<String> members = YamlNode.required(group, g, "slots").texts();
            if (members.size() < 2 || !names.containsAll(members)) {
              throw group.error("a 'together' group names two or more of this step's slots; got " + members);
            }
            together.add(new Step.Together(members, YamlNode.required(group, g, "prompt").text()));
          }
        }
        yield new Step.Collect(id, names, text(node, m, "next"), List.copyOf(together));
      }
      case "confirm" -> new Step.Confirm(id, text(node, m, "text"), text(node, m, "yes"), text(node, m, "no"),
          YamlNode.optionalText(m, "explain").orElse(""), YamlNode.optionalText(m, "otherwise").orElse(""));
      case "say" -> new Step.Say(id, text(node, m, "text"), text(node, m, "next"),
          m.containsKey("waitForUser") && Boolean.parseBoolean(m.get("waitForUser").text()));
      case "create-ticket" -> new Step.CreateTicket(id, text(node, m, "next"));
      case "list-tickets" -> {
        String by = text(node, m, "by");
        if (!by.equals("user") && !by.equals("order")) {
          throw m.get("by").error("'by' must be 'user' or 'order'");
        }
        yield new Step.ListTickets(id, by, text(node, m, "found"), text(node, m, "missing"));
      }
      case "handoff" -> new Step.Handoff(id, text(node, m, "text"), text(node, m, "textWithTicket"),
          text(node, m, "next"));
      case "resume" -> new Step.Resume(id, YamlNode.optionalText(m, "text").orElse(""));
      case "restart" -> new Step.Restart(id, YamlNode.optionalText(m, "text").orElse(""));
      case "correct" -> new Step.Correct(id, text(node, m, "changed"), text(node, m, "ask"));
      case "close-ticket" -> new Step.CloseTicket(id, text(node, m, "text"), text(node, m, "next"));
      case "reopen-ticket" -> new Step.ReopenTicket(id, text(node, m, "text"), text(node, m, "next"));
      default -> throw typeNode.error("unknown step type '" + typeNode.text() + "'");
    };
  }

  private static String text(YamlNode owner, Map<String, YamlNode> m, String key) throws DialogDataException {
    return YamlNode.required(owner, m, key).text();
  }

  private static List<String> links(Step step) {
    if (step instanceof Step.Collect c) {
      return List.of(c.next());
    }
    if (step instanceof Step.Confirm c) {
      return c.otherwise().isEmpty() ? List.of(c.yes(), c.no()) : List.of(c.yes(), c.no(), c.otherwise());
    }
    if (step instanceof Step.Say s) {
      return List.of(s.next());
    }
    if (step instanceof Step.CreateTicket c) {
      return List.of(c.next());
    }
    if (step instanceof Step.ListTickets l) {
      return List.of(l.found(), l.missing());
    }
    if (step instanceof Step.Handoff h) {
      return List.of(h.next());
    }
    if (step instanceof Step.CloseTicket c) {
      return List.of(c.next());
    }
    if (step instanceof Step.ReopenTicket r) {
      return List.of(r.next());
    }
    return List.of(); // resume, restart, correct hand control back to the interrupted flow
  }

  private static void checkLinks(List<Step> steps, Map<String, YamlNode> nodes) throws DialogDataException {
    for (Step step : steps) {
      for (String target : links(step)) {
        if (!target.equals(Step.END) && !target.equals(Step.END_ALL) && !nodes.containsKey(target)) {
          throw nodes.get(step.id()).error("step '" + step.id() + "' goes to unknown step '" + target + "'");
        }
      }
    }
  }

  private static void checkReachable(List<Step> steps, Map<String, YamlNode> nodes) throws DialogDataException {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(steps.get(0).id()));
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      if (!seen.add(id)) {
        continue;
      }
      steps.stream().filter(s -> s.id().equals(id)).findFirst()
          .ifPresent(s -> links(s).stream().filter(nodes::containsKey).forEach(todo::add));
    }
    for (Step step : steps) {
      if (!seen.contains(step.id())) {
        throw nodes.get(step.id()).error("step '" + step.id() + "' can never be reached");
      }
    }
  }

  static int positive(YamlNode node) throws DialogDataException {
    try {
      int value = Integer.parseInt(node.text());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw node.error("expected a positive whole number, got '" + node.text() + "'");
  }
}
