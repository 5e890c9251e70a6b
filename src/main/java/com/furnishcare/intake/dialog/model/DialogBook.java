package com.furnishcare.intake.dialog.model;

import com.furnishcare.intake.dialog.nlu.Vocabulary;
import java.util.Map;
import java.util.Optional;

/** Everything the engine runs on, loaded and validated together so an edit is taken whole or not at all. */
public record DialogBook(Map<String, Flow> flows, MainMenu menu, Vocabulary vocabulary, Grading grading,
    DealerDirectory dealers, Map<String, String> messages) {

  /** Every key {@code messages.yaml} must define; the engine says nothing of its own. */
  public static final java.util.List<String> MESSAGE_KEYS = java.util.List.of("unsupportedMessage", "linkReceived",
      "menuKeyClosed", "voiceUnclear", "emptyMessage", "backToBot", "waitingForAgent", "changed", "keptOld", "askChange",
      "nothingRunning", "photoNumbered", "photoAttached", "photoIdle", "locationReceived", "locationWithoutLabel",
      "statusChanged", "statusNote", "addedToDescription", "answerYesNo", "escalationNote", "none", "photoCount",
      "ticketListHeader", "ticketLine", "ticketDue");

  public String message(String key) {
    String text = messages.get(key);
    if (text == null) {
      throw new IllegalStateException("messages.yaml has no '" + key + "'"); // the loader checks every key
    }
    return text;
  }

  public static final String COMPLAINT = "complaint-intake";
  public static final String PROGRESS = "progress-query";
  public static final String HANDOFF = "human-handoff";
  public static final String CANCEL = "cancel";
  public static final String RESTART = "restart";
  public static final String CORRECT = "correct-slot";
  public static final String HELP = "help";
  public static final String RESUME = "resume";
  public static final String RESOLUTION = "resolution-check";

  public Flow flow(String id) {
    Flow flow = flows.get(id);
    if (flow == null) {
      throw new IllegalStateException("no flow " + id);
    }
    return flow;
  }

  public Optional<SlotSpec> slot(String name) {
    return flows.values().stream().map(f -> f.slots().get(name)).filter(s -> s != null).findFirst();
  }
}
