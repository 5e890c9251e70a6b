package com.furnishcare.intake.agent;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.dialog.load.YamlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the accounts file: a YAML list of {@code {username, displayName, role, dealer, passwordHash}}.
 * Every mistake is reported as {@code file:line: what is wrong}, like the dialog files.
 */
public final class AgentsFileParser {

  private static final Set<String> KEYS = Set.of("username", "displayName", "role", "dealer", "passwordHash");

  private AgentsFileParser() {}

  /**
   * @param dealerIds the dealer ids of the dealers file: a dealer staff account must name one of them
   */
  public static AgentDirectory parse(String file, String text, Set<String> dealerIds) throws DialogDataException {
    if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
      return AgentDirectory.empty(); // only comments: the shipped file, no accounts yet
    }
    YamlNode root = YamlNode.parse(file, text);
    List<AgentAccount> accounts = new ArrayList<>();
    Map<String, Integer> seenAt = new HashMap<>();
    for (YamlNode item : root.list()) {
      AgentAccount account = account(item, dealerIds);
      Integer first = seenAt.putIfAbsent(account.username(), item.line());
      if (first != null) {
        throw item.error("username '" + account.username() + "' is already used at line " + first);
      }
      accounts.add(account);
    }
    return new AgentDirectory(accounts);
  }

  private static AgentAccount account(YamlNode item, Set<String> dealerIds) throws DialogDataException {
    Map<String, YamlNode> map = item.mapping();
    for (Map.Entry<String, YamlNode> entry : map.entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw entry.getValue().error("unknown key '" + entry.getKey() + "' (an account has " + String.join(", ",
            List.of("username", "displayName", "role", "dealer", "passwordHash")) + ")");
      }
    }
    YamlNode usernameNode = YamlNode.required(item, map, "username");
    String username = usernameNode.text().strip();
    // A username goes into log lines, the audit log and Redis keys: keep it to plain characters.
    if (!username.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw usernameNode.error("username must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
    }
    String displayName = YamlNode.required(item, map, "displayName").text().strip();
    if (displayName.isEmpty() || displayName.length() > 64) {
      throw map.get("displayName").error("displayName must have 1 to 64 characters");
    }
    YamlNode roleNode = YamlNode.required(item, map, "role");
    AgentRole role;
    try {
      role = AgentRole.fromWire(roleNode.text());
    } catch (IllegalArgumentException e) {
      throw roleNode.error("role must be agent, supervisor or dealer, not '" + roleNode.text() + "'");
    }
    Optional<String> dealer = YamlNode.optionalText(map, "dealer").map(String::strip);
    if (role == AgentRole.DEALER) {
      if (dealer.isEmpty() || dealer.get().isEmpty()) {
        throw item.error("account '" + username + "' has role dealer but no 'dealer' (a dealer id of the dealers file)");
      }
      if (!dealerIds.contains(dealer.get())) {
        throw map.get("dealer").error("dealer '" + dealer.get() + "' is not in the dealers file (known: "
            + (dealerIds.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(dealerIds))) + ")");
      }
    } else if (dealer.isPresent()) {
      throw map.get("dealer").error("only dealer staff name a dealer; account '" + username + "' has role "
          + role.wireName());
    }
    YamlNode hashNode = YamlNode.required(item, map, "passwordHash");
    String hash = hashNode.text().strip();
    if (PasswordHashes.functionOf(hash).isEmpty()) {
      throw hashNode.error("passwordHash of '" + username + "' is not an argon2id or bcrypt hash; make one with "
          + "java -jar intake-gateway.jar hash-password");
    }
    return new AgentAccount(username, displayName, role, dealer, hash);
  }
}
