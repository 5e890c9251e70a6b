package com.furnishcare.intake.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console accounts as the accounts file lists them now; usernames are unique. */
public final class AgentDirectory {

  private final Map<String, AgentAccount> byUsername;

  public AgentDirectory(List<AgentAccount> accounts) {
    Map<String, AgentAccount> map = new LinkedHashMap<>();
    for (AgentAccount account : accounts) {
      if (map.put(account.username(), account) != null) {
        throw new IllegalArgumentException("username listed twice: " + account.username());
      }
    }
    this.byUsername = Map.copyOf(map);
  }

  public static AgentDirectory empty() {
    return new AgentDirectory(List.of());
  }

  public Optional<AgentAccount> find(String username) {
    return Optional.ofNullable(byUsername.get(username));
  }

  public int size() {
    return byUsername.size();
  }
}
