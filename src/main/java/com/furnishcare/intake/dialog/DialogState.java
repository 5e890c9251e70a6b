package com.furnishcare.intake.dialog;

import com.furnishcare.intake.core.Reply;
import com.furnishcare.intake.core.Session;
import com.furnishcare.intake.dialog.model.DialogBook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's working state for one turn, read from and written back to the session's flat values:
 * the stack of running flows, the collected slots, what was asked, retry counts and the transcript.
 */
final class DialogState {

  /** A running flow and where it is; {@code waiting} means its step already spoke and awaits the user. */
  record Frame(String flow, String step, boolean waiting) {
    String encode() {
      return flow + "@" + step + (waiting ? "@w" : "");
    }

    static Frame decode(String raw) {
      String[] parts = raw.split("@");
      return new Frame(parts[0], parts[1], parts.length > 2);
    }
  }

  static final int TRANSCRIPT_LINES = 40;

  final List<Frame> stack = new ArrayList<>();
  final Map<String, String> slots = new LinkedHashMap<>();
  final Map<String, Integer> tries = new HashMap<>();
  Optional<String> asked = Optional.empty();
  Optional<String[]> pendingChange = Optional.empty();
  TranscriptLines transcript = new TranscriptLines();
  long messageCount;
  long lastActiveMillis;
  boolean waitingForAgent;
  /** The ticket filed when the conversation was handed to a person, shown with it in the agents' queue. */
  Optional<String> agentTicket = Optional.empty();
  boolean escalated;
  /** The resolved ticket whose customer is being asked whether it is really solved. */
  Optional<String> followTicket = Optional.empty();
  /** Ids of the knowledge-base entries offered as numbered choices by the last reply. */
  List<String> faqChoices = List.of();
  /** The complaint category the last answer offered to file ("需要登记投诉吗？"). */
  Optional<String> offeredComplaint = Optional.empty();
  /** The message the bot could not place as complaint or question; kept while "投诉还是咨询？" is open. */
  Optional<String> complaintOrQuestion = Optional.empty();
  /** The options the last reply offered, so a button press (an option id) reads as the answer it stands for. */
  OfferedOptions.Offered offered = OfferedOptions.Offered.NONE;
  private final Map<String, String> untouched = new HashMap<>();

  static DialogState from(Session session) {
    DialogState s = new DialogState();
    session.values().forEach((key, value) -> {
      if (key.startsWith("slot.")) {
        s.slots.put(key.substring(5), value);
      } else if (key.startsWith("tries.")) {
        s.tries.put(key.substring(6), Integer.parseInt(value));
      } else {
        switch (key) {
          case "dlg.stack" -> Arrays.stream(value.split("\\|")).filter(v -> !v.isEmpty())
              .forEach(v -> s.stack.add(Frame.decode(v)));
          case "dlg.asked" -> s.asked = Optional.of(value);
          case "dlg.pending" -> s.pendingChange = Optional.of(value.split("\t", 2));
          case "dlg.transcript" -> s.transcript = new TranscriptLines(value);
          case "messageCount" -> s.messageCount = Long.parseLong(value);
          case "dlg.last" -> s.lastActiveMillis = Long.parseLong(value);
          case "dlg.agent" -> s.waitingForAgent = Boolean.parseBoolean(value);
          case "dlg.agentTicket" -> s.agentTicket = Optional.of(value);
          case "dlg.escalated" -> s.escalated = Boolean.parseBoolean(value);
          case "dlg.follow" -> s.followTicket = Optional.of(value);
          case "dlg.faqChoices" -> s.faqChoices = List.of(value.split(","));
          case "dlg.offer" -> s.offeredComplaint = Optional.of(value);
          case "dlg.cq" -> s.complaintOrQuestion = Optional.of(value);
          case "dlg.offered" -> s.offered = decodeOffered(value);
          default -> s.untouched.put(key, value);
        }
      }
    });
    return s;
  }

  Session toSession(Instant now) {
    Map<String, String> values = new HashMap<>(untouched);
    slots.forEach((k, v) -> values.put("slot." + k, v));
    tries.forEach((k, v) -> values.put("tries." + k, Integer.toString(v)));
    if (!stack.isEmpty()) {
      values.put("dlg.stack", String.join("|", stack.stream().map(Frame::encode).toList()));
    }
    asked.ifPresent(a -> values.put("dlg.asked", a));
    pendingChange.ifPresent(p -> values.put("dlg.pending", p[0] + "\t" + p[1]));
    if (!transcript.isEmpty()) {
      values.put("dlg.transcript", transcript.last(TRANSCRIPT_LINES));
    }
    values.put("messageCount", Long.toString(messageCount));
    values.put("dlg.last", Long.toString(lastActiveMillis));
    if (waitingForAgent) {
      values.put("dlg.agent", "true");
      agentTicket.ifPresent(t -> values.put("dlg.agentTicket", t));
    }
    if (escalated) {
      values.put("dlg.escalated", "true");
    }
    followTicket.ifPresent(t -> values.put("dlg.follow", t));
    if (!faqChoices.isEmpty()) {
      values.put("dlg.faqChoices", String.join(",", faqChoices));
    }
    offeredComplaint.ifPresent(c -> values.put("dlg.offer", c));
    complaintOrQuestion.ifPresent(c -> values.put("dlg.cq", c));
    if (!offered.options().isEmpty()) {
      values.put("dlg.offered", encodeOffered(offered));
    }
    return new Session(values, now);
  }

  Optional<Frame> top() {
    return stack.isEmpty() ? Optional.empty() : Optional.of(stack.get(stack.size() - 1));
  }

  void replaceTop(Frame frame) {
    stack.set(stack.size() - 1, frame);
  }

  void pop() {
    stack.remove(stack.size() - 1);
  }

  boolean running(String flow) {
    return stack.stream().anyMatch(f -> f.flow().equals(flow));
  }

  /** Forgets everything collected: after a ticket is filed, or on cancel. */
  void clearCollected() {
    slots.clear();
    tries.clear();
    asked = Optional.empty();
    pendingChange = Optional.empty();
    escalated = false;
  }

  /** What the bot said, for the transcript kept on the ticket (its prefix from messages.yaml). */
  void said(DialogBook book, String line) {
    transcript.add(book.message("transcriptBot") + line.replace('\n', ' '));
  }

  /** What the user sent, for the transcript. */
  void heard(DialogBook book, String line) {
    transcript.add(book.message("transcriptUser") + line.replace('\n', ' '));
  }

  /** "n" (numbered) or "c", then one "id<TAB>label" per line; labels and ids never hold tabs or line breaks. */
  private static String encodeOffered(OfferedOptions.Offered offered) {
    StringBuilder out = new StringBuilder(offered.numbered() ? "n" : "c");
    for (Reply.Option option : offered.options()) {
      out.append('\n').append(clean(option.id())).append('\t').append(clean(option.label()));
    }
    return out.toString();
  }

  private static OfferedOptions.Offered decodeOffered(String value) {
    String[] lines = value.split("\n");
    List<Reply.Option> options = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] parts = lines[i].split("\t", 2);
      if (parts.length == 2) {
        options.add(new Reply.Option(parts[0], parts[1]));
      }
    }
    return new OfferedOptions.Offered(options, lines[0].equals("n"));
  }

  private static String clean(String text) {
    return text.replace('\t', ' ').replace('\n', ' ');
  }
}
