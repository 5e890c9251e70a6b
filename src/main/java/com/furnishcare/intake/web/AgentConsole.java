package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentDirectory;
import com.furnishcare.intake.config.AgentConsoleConfig;
import java.util.function.Supplier;

/**
 * What the console's sign-in needs besides the stores: the accounts as the accounts file lists them now
 * (reloaded on edit) and the session and login-limit settings.
 */
public record AgentConsole(Supplier<AgentDirectory> accounts, AgentConsoleConfig settings) {}
