package com.furnishcare.intake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.password4j.Password;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 14 point 1: the hash an operator puts in the agents file verifies the password and nothing else. */
class HashPasswordCommandTest {

  private static CommandResult hash(String stdin) {
    return HashPasswordCommand.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void thePrintedHashIsArgon2idAndVerifiesOnlyThatPassword() {
    CommandResult result = hash("客服-Zhang 2026!\n");
    assertEquals(ExitCodes.OK, result.exitCode());
    String printed = result.output().strip();
    assertTrue(printed.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), "printed: " + printed);
    assertTrue(Password.check("客服-Zhang 2026!", printed).with(com.password4j.Argon2Function.getInstanceFromHash(printed)));
    assertFalse(Password.check("客服-Zhang 2025!", printed).with(com.password4j.Argon2Function.getInstanceFromHash(printed)));
    assertNotEquals(printed, hash("客服-Zhang 2026!\n").output().strip(), "a fresh salt each time");
  }

  @Test
  void noPasswordOrAShortOneIsRefusedWithUsage() {
    CommandResult none = hash("");
    assertEquals(ExitCodes.CONFIGURATION, none.exitCode());
    assertTrue(none.output().contains("standard input"), none.output());
    assertEquals(ExitCodes.CONFIGURATION, hash("short\n").exitCode());
  }
}
