package com.furnishcare.intake.dialog;

import java.util.Optional;

/**
 * After this turn the conversation waits for a person: the turn service puts it in the agents' queue
 * (once) with the ticket filed when it was handed over, if one was.
 */
public record AgentCall(Optional<String> ticketId) {}
