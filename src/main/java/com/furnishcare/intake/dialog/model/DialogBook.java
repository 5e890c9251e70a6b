package com.furnishcare.intake.dialog.model;

import com.furnishcare.intake.dialog.nlu.Intent;
import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the engine runs on, loaded and validated together so an edit is taken whole or not at all.
 *
 * @param index what every message's routing asks of the flows, worked out from {@code flows} here whatever is
 *     passed (the other constructor passes none)
 */
public record DialogBook(Map<String, Flow> flows, MainMenu menu, Vocabulary vocabulary, Grading grading,
    DealerDirectory dealers, Map<String, String> messages, Index index) {

  /**
   * @param byPriority the flows, the highest priority first (file order among equals)
   * @param byType for each kind of fact, the first slot of that type (flows and slots in file order)
   * @param byName for each slot name, the first flow's slot of that name
   */
  public record Index(List<Flow> byPriority, Map<SlotType, SlotSpec> byType, Map<String, SlotSpec> byName) {

    static Index of(Map<String, Flow> flows) {
      Map<SlotType, SlotSpec> byType = new EnumMap<>(SlotType.class);
      Map<String, SlotSpec> byName = new HashMap<>();
      for (Flow flow : flows.values()) {
        for (Map.Entry<String, SlotSpec> slot : flow.slots().entrySet()) {
          byType.putIfAbsent(slot.getValue().type(), slot.getValue());
          byName.putIfAbsent(slot.getKey(), slot.getValue());
        }
      }
      return new Index(flows.values().stream().sorted(Comparator.comparingInt((Flow f) -> -f.trigger().priority()))
          .toList(), Collections.unmodifiableMap(byType), Map.copyOf(byName));
    }
  }

  public DialogBook {
    flows = Collections.unmodifiableMap(new LinkedHashMap<>(flows)); // file order kept; the index stays true
    index = Index.of(flows);
  }

  public DialogBook(Map<String, Flow> flows, MainMenu menu, Vocabulary vocabulary, Grading grading,
      DealerDirectory dealers, Map<String, String> messages) {
    this(flows, menu, vocabulary, grading, dealers, messages, null);
  }

  /** Every key {@code messages.yaml} must define; the engine says nothing of its own. */
  public static final List<String> MESSAGE_KEYS = List.of("unsupportedMessage", "linkReceived",
      "menuKeyClosed", "voiceUnclear", "emptyMessage", "backToBot", "waitingForAgent", "agentHandedBack", "agentClosed", "agentFiledTicket", "surveyFollowUp", "changed", "keptOld", "askChange",
      "nothingRunning", "photoNumbered", "photoAttached", "photoIdle", "locationReceived", "locationWithoutLabel",
      "statusChanged", "statusNote", "addedToDescription", "answerYesNo", "escalationNote", "none", "photoCount",
      "ticketListHeader", "ticketLine", "ticketDue", "yesLabel", "noLabel", "dateFormat",
      "transcriptUser", "transcriptBot", "heardLink", "heardMenu", "heardPhoto", "heardLocation", "listSeparator",
      "summaryLine", "descriptionSeparator", "turnFailed");

  /**
   * Keys {@code messages.yaml} may leave out, each with what the engine does without it, so a brand's dialogs
   * written before the key existed still load: {@code transcriptAnswer} (without it, a ticket's transcript
   * logs a knowledge-base answer's whole text).
   */
  public static final List<String> OPTIONAL_MESSAGE_KEYS = List.of("transcriptAnswer");

  /** An {@link #OPTIONAL_MESSAGE_KEYS optional} message, if the dialogs define it. */
  public Optional<String> optionalMessage(String key) {
    return Optional.ofNullable(messages.get(key));
  }

  public String message(String key) {
    String text = messages.get(key);
    if (text == null) {
      throw new IllegalStateException("messages.yaml has no '" + key + "'"); // the loader checks every key
    }
    return text;
  }

  public Flow flow(String id) {
    Flow flow = flows.get(id);
    if (flow == null) {
      throw new IllegalStateException("no flow " + id);
    }
    return flow;
  }

  /** The flow an intent starts (the highest priority among those whose trigger names it). */
  public Optional<Flow> startedBy(Intent intent) {
    return byPriority().stream().filter(f -> f.trigger().intents().contains(intent)).findFirst();
  }

  /** Flows with a trigger, the highest priority first (file order among equals). */
  public List<Flow> byPriority() {
    return index.byPriority();
  }

  /** The slot name this book gives a kind of fact (the loader checks each type has one name throughout). */
  public Optional<String> slotName(SlotType type) {
    return slotOfType(type).map(SlotSpec::name);
  }

  /** The first slot of a kind of fact, flows and slots in file order. */
  public Optional<SlotSpec> slotOfType(SlotType type) {
    return Optional.ofNullable(index.byType().get(type));
  }

  public Optional<SlotSpec> slot(String name) {
    return Optional.ofNullable(index.byName().get(name));
  }
}
