package com.furnishcare.intake.dialog.load;

import com.furnishcare.intake.dialog.model.SlotSpec;
import com.furnishcare.intake.dialog.model.Step;
import com.furnishcare.intake.dialog.nlu.Intent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How each step {@code type:} of a flow file is read and checked: one method per type, listed with its
 * handler in {@link com.furnishcare.intake.dialog.StepTypes}. Errors name the file and line.
 */
public final class StepParsers {

  /** Reads one step's keys (the id and type are already read). */
  @FunctionalInterface
  public interface Parser {
    Step parse(String id, YamlNode node, Map<String, YamlNode> keys, Map<String, SlotSpec> slots)
        throws DialogDataException;
  }

  private StepParsers() {}

  public static Step collect(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    List<String> names = YamlNode.required(node, m, "slots").texts();
    for (String name : names) {
      if (!slots.containsKey(name)) {
        throw m.get("slots").error("slot '" + name + "' is not declared under 'slots'");
      }
    }
    List<Step.Together> together = new ArrayList<>();
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
    return new Step.Collect(id, names, text(node, m, "next"), List.copyOf(together));
  }

  public static Step confirm(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.Confirm(id, text(node, m, "text"), text(node, m, "yes"), text(node, m, "no"),
        optional(m, "explain"), optional(m, "otherwise"), optional(m, "yesLabel"), optional(m, "noLabel"));
  }

  public static Step say(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.Say(id, text(node, m, "text"), text(node, m, "next"),
        m.containsKey("waitForUser") && Boolean.parseBoolean(m.get("waitForUser").text()));
  }

  public static Step createTicket(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.CreateTicket(id, text(node, m, "next"));
  }

  public static Step listTickets(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    String by = text(node, m, "by");
    if (!by.equals("user") && !by.equals("order")) {
      throw m.get("by").error("'by' must be 'user' or 'order'");
    }
    return new Step.ListTickets(id, by, text(node, m, "found"), text(node, m, "missing"));
  }

  public static Step handoff(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    Set<Intent> escalating = EnumSet.noneOf(Intent.class);
    if (m.containsKey("escalating")) {
      for (YamlNode item : m.get("escalating").list()) {
        escalating.add(intent(item));
      }
    }
    String withTicket = text(node, m, "textWithTicket");
    String offHours = YamlNode.optionalText(m, "offHoursText").orElse(withTicket);
    return new Step.Handoff(id, text(node, m, "text"), withTicket, escalating, offHours);
  }

  public static Step resume(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.Resume(id, optional(m, "text"));
  }

  public static Step restart(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.Restart(id, optional(m, "text"));
  }

  public static Step correct(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.Correct(id, text(node, m, "changed"), text(node, m, "ask"));
  }

  public static Step closeTicket(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.CloseTicket(id, text(node, m, "text"), text(node, m, "next"));
  }

  public static Step reopenTicket(String id, YamlNode node, Map<String, YamlNode> m, Map<String, SlotSpec> slots)
      throws DialogDataException {
    return new Step.ReopenTicket(id, text(node, m, "text"), text(node, m, "next"));
  }

  static Intent intent(YamlNode item) throws DialogDataException {
    try {
      return Intent.parse(item.text());
    } catch (IllegalArgumentException e) {
      throw item.error("unknown intent '" + item.text() + "'");
    }
  }

  private static String text(YamlNode owner, Map<String, YamlNode> m, String key) throws DialogDataException {
    return YamlNode.required(owner, m, key).text();
  }

  private static String optional(Map<String, YamlNode> m, String key) throws DialogDataException {
    return YamlNode.optionalText(m, key).orElse("");
  }
}
