package com.furnishcare.intake.agent;

import com.furnishcare.intake.dialog.load.DialogBookLoader;
import com.furnishcare.intake.dialog.load.DialogDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the accounts file from disk, with the dealer ids of the dealers file. Blocking: worker threads only. */
public final class AgentsFile {

  private AgentsFile() {}

  /**
   * @param required whether the file must exist ({@code AGENTS_FILE} named it); the default path may be
   *     absent, which means no accounts
   */
  public static AgentDirectory load(Path accountsFile, boolean required, Path dealersFile)
      throws DialogDataException, IOException {
    if (!Files.exists(accountsFile)) {
      if (required) {
        throw new DialogDataException(accountsFile + ":1: the accounts file does not exist");
      }
      return AgentDirectory.empty();
    }
    String text = Files.readString(accountsFile, StandardCharsets.UTF_8);
    return AgentsFileParser.parse(accountsFile.getFileName().toString(), text,
        DialogBookLoader.dealers(dealersFile).dealerIds());
  }
}
