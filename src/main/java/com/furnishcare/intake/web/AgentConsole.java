package com.furnishcare.intake.web;

import com.furnishcare.intake.agent.AgentAccount;
import com.furnishcare.intake.agent.AgentDesk;
import com.furnishcare.intake.agent.AgentDirectory;
import com.furnishcare.intake.config.AgentConsoleConfig;
import com.furnishcare.intake.dialog.model.DialogBook;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the console needs besides the stores: the accounts as the accounts file lists them now (reloaded
 * on edit), the session and login-limit settings, the desk that carries out agents' actions, and the
 * dialog book for labels.
 */
public record AgentConsole(Supplier<AgentDirectory> accounts, AgentConsoleConfig settings, AgentDesk desk,
    Supplier<DialogBook> book) {

  /** An agent's display name, for the others' screens; empty for a username no longer in the file. */
  public Optional<String> displayName(String username) {
    return accounts.get().find(username).map(AgentAccount::displayName);
  }
}
