package com.furnishcare.intake.agent;

import java.util.Optional;

/**
 * One console login from the accounts file.
 *
 * @param passwordHash argon2id or bcrypt, as {@code hash-password} prints it; checked by {@link PasswordHashes}
 */
public record AgentAccount(String username, String displayName, AgentRole role, Optional<String> dealer,
    String passwordHash) {

  /** Who this account is on a request, without the hash. */
  public AgentPrincipal principal() {
    return new AgentPrincipal(username, displayName, role, dealer);
  }
}
