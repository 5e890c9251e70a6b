package com.furnishcare.intake.reload;

import com.furnishcare.intake.agent.AgentDirectory;
import com.furnishcare.intake.agent.AgentsFile;
import com.furnishcare.intake.config.AgentConsoleConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;

/**
 * The console accounts, reloaded when the accounts file or the dealers file (whose ids dealer staff name)
 * changes; a broken edit keeps the previous accounts.
 */
public final class AgentDirectorySource {

  private AgentDirectorySource() {}

  public static Future<ReloadingSource<AgentDirectory>> start(Vertx vertx, AgentConsoleConfig config, Path dealersFile,
      long intervalMs) {
    return ReloadingSource.start(vertx, "agent accounts", List.of(config.accountsFile(), dealersFile),
        () -> AgentsFile.load(config.accountsFile(), config.accountsFileRequired(), dealersFile),
        accounts -> accounts.size() + " accounts from " + config.accountsFile(), intervalMs);
  }
}
