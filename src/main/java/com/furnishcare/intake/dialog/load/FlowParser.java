package com.furnishcare.intake.dialog.load;

import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.StepTypes;
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
    for (Step step : steps.subList(1, steps.size())) {
      if (step instanceof Step.Correct) {
        // It reads the message that started its flow, which only the first step sees.
        throw stepNodes.get(step.id()).error("a 'correct' step must be the first step of its flow");
      }
    }
    Map<SlotType, String> byType = new java.util.EnumMap<>(SlotType.class);
    for (SlotSpec slot : slots.values()) {
      String other = byType.put(slot.type(), slot.name());
      if (other != null) {
        // The engine files a message's facts by their type: two slots of one type could not both be filled.
        throw slotNodes.get(slot.name()).error("slots '" + other + "' and '" + slot.name() + "' are both of type "
            + slot.type().name().toLowerCase(java.util.Locale.ROOT) + "; a flow has at most one slot of each type");
      }
    }
    checkLinks(steps, stepNodes);
    checkReachable(steps, stepNodes);
    int maxTries = map.containsKey("maxTries") ? positive(map.get("maxTries")) : DEFAULT_MAX_TRIES;
    // Said before the next question when a message added facts ("已记下：{noted}。"); empty = nothing said.
    String acknowledge = YamlNode.optionalText(map, "acknowledge").orElse("");
    // A complaint graded this high (a leak, a safety hazard) goes to a person at once instead of more questions.
    OptionalInt handoffFromLevel = map.containsKey("handoffFromLevel")
        ? OptionalInt.of(positive(map.get("handoffFromLevel"))) : OptionalInt.empty();
    return new Flow(id, file, trigger, slots, steps, maxTries, acknowledge, handoffFromLevel);
  }

  private static Trigger trigger(YamlNode node) throws DialogDataException {
    if (node == null) {
      return Trigger.none();
    }
    Map<String, YamlNode> m = node.mapping();
    Set<Intent> intents = EnumSet.noneOf(Intent.class);
    if (m.containsKey("intents")) {
      for (YamlNode item : m.get("intents").list()) {
        intents.add(StepParsers.intent(item));
      }
    }
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
    Set<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
    if (m.containsKey("ticketStatus")) {
      for (YamlNode item : m.get("ticketStatus").list()) {
        try {
          statuses.add(TicketStatus.fromWire(item.text()));
        } catch (IllegalArgumentException e) {
          throw item.error("unknown ticket status '" + item.text() + "'");
        }
      }
    }
    int priority = 0;
    if (m.containsKey("priority")) {
      try {
        priority = Integer.parseInt(m.get("priority").text());
      } catch (NumberFormatException e) {
        throw m.get("priority").error("priority must be a whole number");
      }
    }
    return new Trigger(intents, flag(m, "onCategory"), flag(m, "onFacts"),
        !m.containsKey("interrupts") || Boolean.parseBoolean(m.get("interrupts").text()),
        flag(m, "needsRunningFlow"), YamlNode.optionalText(m, "idleMessage").orElse(""), priority, pause, pausedFlows,
        statuses);
  }

  private static boolean flag(Map<String, YamlNode> m, String key) throws DialogDataException {
    return m.containsKey(key) && Boolean.parseBoolean(m.get(key).text());
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
    Optional<StepParsers.Parser> parser = StepTypes.parser(typeNode.text());
    if (parser.isEmpty()) {
      throw typeNode.error("unknown step type '" + typeNode.text() + "'; known: " + StepTypes.names());
    }
    return parser.get().parse(id, node, m, slots);
  }

  private static void checkLinks(List<Step> steps, Map<String, YamlNode> nodes) throws DialogDataException {
    for (Step step : steps) {
      for (String target : step.links()) {
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
          .ifPresent(s -> s.links().stream().filter(nodes::containsKey).forEach(todo::add));
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
