package com.furnishcare.intake.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent console's accounts and sign-in rules.
 *
 * @param accountsFile the accounts file ({@code AGENTS_FILE}, else {@code ./config/agents.yaml})
 * @param accountsFileRequired whether {@code AGENTS_FILE} named it: then it must exist; the default path may
 *     be absent, and the console then has no accounts (every login fails)
 * @param sessionIdle a session unused this long ends
 * @param accountFailures failed logins one username may have inside {@code failureWindow} before it is refused
 * @param addressFailures failed logins one client address may have inside {@code failureWindow}
 */
public record AgentConsoleConfig(Path accountsFile, boolean accountsFileRequired, Duration sessionIdle,
    int accountFailures, int addressFailures, Duration failureWindow) {

  /** Long enough to make guessing slow, short enough that a locked-out agent can try again over a coffee. */
  public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
}
