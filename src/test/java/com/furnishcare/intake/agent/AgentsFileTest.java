package com.furnishcare.intake.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.dialog.load.DialogDataException;
import com.furnishcare.intake.support.AgentAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsFileTest {

  private static final String HASH = AgentAccounts.argon2id("correct horse 1");
  private static final Set<String> DEALERS = Set.of("D0571", "D0210");

  @TempDir
  Path dir;

  private static String error(String yaml) {
    return assertThrows(DialogDataException.class, () -> AgentsFileParser.parse("agents.yaml", yaml, DEALERS))
        .getMessage();
  }

  @Test
  void readsEveryRoleWithItsDealerAndBothHashForms() throws Exception {
    String bcrypt = AgentAccounts.bcrypt("correct horse 2");
    AgentDirectory accounts = AgentsFileParser.parse("agents.yaml", new AgentAccounts()
        .add("zhang.wei", "张伟", "supervisor", null, HASH)
        .add("wang.fang", "王芳", "agent", null, bcrypt)
        .add("d0571.li", "李娜", "dealer", "D0571", HASH).yaml(), DEALERS);
    assertEquals(3, accounts.size());
    assertEquals(new AgentPrincipal("d0571.li", "李娜", AgentRole.DEALER, Optional.of("D0571")),
        accounts.find("d0571.li").orElseThrow().principal());
    assertEquals(AgentRole.SUPERVISOR, accounts.find("zhang.wei").orElseThrow().role());
    assertTrue(PasswordHashes.matches("correct horse 2", accounts.find("wang.fang").orElseThrow().passwordHash()));
    assertFalse(PasswordHashes.matches("correct horse 1", accounts.find("wang.fang").orElseThrow().passwordHash()));
    assertTrue(PasswordHashes.matches("correct horse 1", accounts.find("zhang.wei").orElseThrow().passwordHash()));
    assertEquals(Optional.empty(), accounts.find("Zhang.wei"), "usernames are exact");
  }

  @Test
  void theShippedFileHasNoAccountsAndIsValid() throws Exception {
    Path dealers = Path.of("config/dealers.csv");
    assertEquals(0, AgentsFile.load(Path.of("config/agents.yaml"), true, dealers).size());
  }

  @Test
  void aDealerAccountMustNameADealerOfTheDealersFile() {
    String yaml = new AgentAccounts().add("zhang.wei", "张伟", "agent", null, HASH)
        .add("d9.li", "李娜", "dealer", "D9999", HASH).yaml();
    assertEquals("agents.yaml:8: dealer 'D9999' is not in the dealers file (known: D0210, D0571)", error(yaml));
    assertTrue(error(new AgentAccounts().add("d9.li", "李娜", "dealer", null, HASH).yaml())
        .startsWith("agents.yaml:1: account 'd9.li' has role dealer but no 'dealer'"));
    assertTrue(error(new AgentAccounts().add("zhang.wei", "张伟", "agent", "D0571", HASH).yaml())
        .startsWith("agents.yaml:4: only dealer staff name a dealer"));
  }

  @Test
  void mistakesAreReportedWithFileAndLine() {
    String twice = new AgentAccounts().add("zhang.wei", "张伟", "agent", null, HASH)
        .add("zhang.wei", "张伟2", "supervisor", null, HASH).yaml();
    assertEquals("agents.yaml:5: username 'zhang.wei' is already used at line 1", error(twice));
    assertTrue(error(new AgentAccounts().add("a", "A", "admin", null, HASH).yaml())
        .startsWith("agents.yaml:3: role must be agent, supervisor or dealer"));
    assertTrue(error(new AgentAccounts().add("a", "A", "agent", null, "secret-password").yaml())
        .startsWith("agents.yaml:4: passwordHash of 'a' is not an argon2id or bcrypt hash"));
    assertTrue(error(new AgentAccounts().add("a", "A", "agent", null, "$argon2i$v=19$m=16,t=2,p=1$c2FsdHNhbHQ$aGFzaA").yaml())
        .startsWith("agents.yaml:4: passwordHash"), "argon2i is not argon2id");
    assertTrue(error("- username: a\n  role: agent\n  passwordHash: x\n").startsWith("agents.yaml:1: missing 'displayName'"));
    assertTrue(error("- username: a b\n  displayName: A\n  role: agent\n  passwordHash: x\n")
        .startsWith("agents.yaml:1: username must be"));
    assertTrue(error("- username: a\n  displayName: A\n  role: agent\n  password: x\n")
        .startsWith("agents.yaml:4: unknown key 'password'"));
    assertTrue(error("username: a\n").startsWith("agents.yaml:1: expected a list"));
    assertTrue(error("- username: [a\n").startsWith("agents.yaml:"), "broken YAML");
  }

  @Test
  void anAbsentDefaultFileMeansNoAccountsButANamedOneMustExist() throws Exception {
    Path dealers = Files.writeString(dir.resolve("dealers.csv"), "SO*,D0210,上海浦东旗舰店,华东\n");
    assertEquals(0, AgentsFile.load(dir.resolve("agents.yaml"), false, dealers).size());
    assertTrue(assertThrows(DialogDataException.class, () -> AgentsFile.load(dir.resolve("agents.yaml"), true, dealers))
        .getMessage().contains("does not exist"));
    Path file = new AgentAccounts().add("d.li", "李娜", "dealer", "D0210", HASH).writeTo(dir.resolve("agents.yaml"));
    assertEquals(1, AgentsFile.load(file, true, dealers).size());
  }
}
