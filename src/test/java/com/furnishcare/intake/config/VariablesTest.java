package com.furnishcare.intake.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.cli.HelpCommand;
import org.junit.jupiter.api.Test;

/** A key the loader accepts cannot be missing from {@code --help}. */
class VariablesTest {

  @Test
  void everyKnownKeyHasAHelpLine() {
    String help = HelpCommand.run().output();
    for (String key : ConfigLoader.KNOWN_KEYS) {
      assertTrue(Variables.named(key).isPresent(), key);
      assertTrue(help.lines().anyMatch(line -> line.startsWith("  " + key + " ")), key + " missing from --help");
    }
  }
}
