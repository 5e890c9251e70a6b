package com.furnishcare.intake.dialog.model;

import java.util.List;

/**
 * One step of a flow. {@code next} names another step of the same flow, or {@code end} (this flow is
 * done; an interrupted flow below it resumes) or {@code end-all} (every flow ends, collected facts
 * are dropped).
 */
public sealed interface Step {

  String END = "end";
  String END_ALL = "end-all";

  String id();

  /** The steps this one may go to next ({@code end}/{@code end-all} included); checked by the loader. */
  List<String> links();

  /**
   * Ask for the slots in order. A group of {@code together} slots that are all still missing is asked
   * in one question ({@code prompt}), and one answer may give them all ("王芳，杭州市…").
   */
  record Collect(String id, List<String> slots, String next, List<Together> together) implements Step {
    public List<String> links() {
      return List.of(next);
    }
  }

  record Together(List<String> slots, String prompt) {}

  /**
   * A yes/no question. {@code explain} (may be empty) says what is being asked; it is put before the
   * question when the user asks back instead of answering ("嗯？", "确认什么？"). {@code otherwise} is where
   * the flow goes when the answer is still neither after the flow's maxTries explanations; empty means a
   * person takes over. {@code yesLabel}/{@code noLabel} name the two answers on buttons.
   */
  record Confirm(String id, String text, String yes, String no, String explain, String otherwise, String yesLabel,
      String noLabel) implements Step {
    public List<String> links() {
      return otherwise.isEmpty() ? List.of(yes, no) : List.of(yes, no, otherwise);
    }
  }

  /** Say something; with waitForUser the next step runs on the user's next message. */
  record Say(String id, String text, String next, boolean waitForUser) implements Step {
    public List<String> links() {
      return List.of(next);
    }
  }

  /** File the complaint from the collected slots. */
  record CreateTicket(String id, String next) implements Step {
    public List<String> links() {
      return List.of(next);
    }
  }

  /** Show the user's tickets, found by channel identity ({@code user}) or by order number + phone ({@code order}). */
  record ListTickets(String id, String by, String found, String missing) implements Step {
    public List<String> links() {
      return List.of(found, missing);
    }
  }

  /**
   * Mark the chat as waiting for an agent; file a complaint in progress at once. A message with one of the
   * {@code escalating} intents (12315, 媒体) marks the complaint as escalated and is filed even without facts.
   */
  /**
   * Hand the conversation to a person. Outside the service hours (gateway config) a ticket is always
   * filed (nobody would read the chat before morning) and {@code offHoursText} says when a person answers.
   */
  record Handoff(String id, String text, String textWithTicket, java.util.Set<com.furnishcare.intake.dialog.nlu.Intent> escalating,
      String offHoursText)
      implements Step {
    public List<String> links() {
      return List.of();
    }
  }

  /** Go back to the interrupted flow, re-asking its current question. */
  record Resume(String id, String text) implements Step {
    public List<String> links() {
      return List.of();
    }
  }

  /** Drop what the interrupted flow collected and start it again. */
  record Restart(String id, String text) implements Step {
    public List<String> links() {
      return List.of();
    }
  }

  /** The customer confirms the resolved ticket is solved: it is closed. */
  record CloseTicket(String id, String text, String next) implements Step {
    public List<String> links() {
      return List.of(next);
    }
  }

  /** The customer says it is not solved: the ticket is re-opened as unsatisfied, one level up. */
  record ReopenTicket(String id, String text, String next) implements Step {
    public List<String> links() {
      return List.of(next);
    }
  }

  /**
   * Change or re-ask the slot a correction is about, then resume; reads the message that started its flow,
   * so it must be the flow's first step (the loader checks).
   */
  record Correct(String id, String changed, String ask) implements Step {
    public List<String> links() {
      return List.of();
    }
  }
}
