package com.furnishcare.intake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.furnishcare.intake.config.Variable;
import com.furnishcare.intake.config.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --help} and README's Configuration table both name every variable the loader accepts. */
class HelpCommandTest {

  @Test
  void everyVariableHasAHelpLineWithItsDefault() {
    CommandResult help = HelpCommand.run();
    assertEquals(ExitCodes.OK, help.exitCode());
    List<String> lines = help.output().lines().toList();
    for (Variable v : Variables.ALL) {
      int at = indexOfLineStartingWith(lines, "  " + v.name() + " ");
      assertTrue(at >= 0, v.name() + " has no help line:\n" + help.output());
      assertTrue(lines.get(at).contains(v.meaning()), v.name());
      assertTrue(lines.get(at + 1).contains("default: " + v.defaultValue()), v.name());
    }
  }

  @Test
  void readmeConfigurationSectionNamesEveryVariable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Configuration");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    for (Variable v : Variables.ALL) {
      assertTrue(section.contains("`" + v.name() + "`"), "README's Configuration section does not name " + v.name());
    }
  }

  private static int indexOfLineStartingWith(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
