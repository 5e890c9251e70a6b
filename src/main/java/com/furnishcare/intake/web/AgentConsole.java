package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentDesk;
import com.furnishcare.intake.dialog.model.DialogBook;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the console's routes need besides the stores: the desk that carries out agents' actions, the
 * dialog book for labels, and the agents' display names by username.
 */
public record AgentConsole(AgentDesk desk, Supplier<DialogBook> book, Function<String, Optional<String>> displayNames) {}
