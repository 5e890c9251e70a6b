package com.furnishcare.intake.dialog.model;

import com.furnishcare.intake.core.TicketStatus;
import com.furnishcare.intake.dialog.nlu.Intent;
import java.util.OptionalInt;
import java.util.Set;

/**
 * When a flow starts, read by the engine's router; nothing about which flow does what is written in Java.
 *
 * @param intents a message with one of these intents starts the flow
 * @param onCategory a message naming a complaint category ("门板色差") starts it, when no flow runs
 * @param onFacts a statement carrying an order number, a phone or an address starts it, when no flow runs
 * @param interrupts it may start on top of a running flow, which asks its question again afterwards
 *     (the default); {@code interrupts: false}: its intents only count when no flow runs
 * @param needsRunningFlow it only means something on top of a running flow (cancel, restart, correct);
 *     when nothing runs, {@code idleMessage} (a messages.yaml key) is said with the menu, or, when that
 *     is empty, the trigger does not fire and the message is read otherwise
 * @param priority among flows whose triggers fit the same message, the highest starts
 * @param afterPauseMinutes starts it when the user comes back after this long in a flow of {@code afterPauseOf}
 * @param afterPauseOf flows worth picking up after a pause (empty: any flow)
 * @param ticketStatus a ticket of the user moving to one of these states starts it (the resolution check)
 */
public record Trigger(Set<Intent> intents, boolean onCategory, boolean onFacts, boolean interrupts,
    boolean needsRunningFlow, String idleMessage, int priority, OptionalInt afterPauseMinutes,
    Set<String> afterPauseOf, Set<TicketStatus> ticketStatus) {

  public Trigger {
    intents = Set.copyOf(intents);
    afterPauseOf = Set.copyOf(afterPauseOf);
    ticketStatus = Set.copyOf(ticketStatus);
  }

  public static Trigger none() {
    return new Trigger(Set.of(), false, false, false, false, "", 0, OptionalInt.empty(), Set.of(), Set.of());
  }
}
